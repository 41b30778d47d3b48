import ArgumentParser
import ColophonCrypto
import ColophonLedger
import ColophonLog
import ColophonRecords
import ColophonReports
import Foundation

struct LogVerifyProofCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-proof",
        abstract: "Verify a tlog-proof file offline: exit 0 proven, 1 not proven, 2 unreadable.",
        discussion: """
            Trust comes from --vkey (the log's verifier key, or a file holding it) or --policy (a C2SP tlog-policy file, which can also demand witness cosignatures). The entry is the signed record (--entry); without it, the entry at the proof's index in the local ledger is used.
            """
    )

    @OptionGroup var options: LedgerOptions

    @Argument(help: ArgumentHelp("The proof file.", valueName: "file.tlog-proof"))
    var proof: String

    @Option(help: ArgumentHelp("The log's vkey, or a file containing it.", valueName: "vkey"))
    var vkey: String?

    @Option(help: ArgumentHelp("A tlog-policy file.", valueName: "file"))
    var policy: String?

    @Option(help: ArgumentHelp("The record the proof is for (its DSSE envelope).", valueName: "file"))
    var entry: String?

    struct Report: Codable {
        var valid: Bool
        var origin: String
        var index: UInt64
        var size: UInt64
        var root: String
        var recordId: String
    }

    func validate() throws {
        guard (vkey == nil) != (policy == nil) else { throw ValidationError("give exactly one of --vkey or --policy") }
    }

    func run() async throws {
        let trust = try loadPolicy()
        let parsed = try TlogProof(parsing: try InputFile.readText(proof, limit: 1 << 20, what: "tlog-proof file"))
        let envelope = try await loadEntry(index: parsed.index)
        let body = try envelope.canonicalBytes()
        let checkpoint: Checkpoint
        do {
            checkpoint = try parsed.verify(entry: body, policy: trust)
        } catch {
            Terminal.error("colophon: \(proof): NOT PROVEN: \(error.reason)")
            throw ExitCode(Failure.notVerified)
        }
        let report = Report(
            valid: true,
            origin: checkpoint.origin,
            index: parsed.index,
            size: checkpoint.size,
            root: Base64.encode(checkpoint.root.bytes),
            recordId: envelope.recordID.description
        )
        try options.output.emit(
            report,
            text: "proven: \(report.recordId) is entry \(report.index) of \(report.origin) (size \(report.size))"
        )
    }

    private func loadPolicy() throws -> TlogPolicy {
        if let policy {
            return try TlogPolicy(parsing: try InputFile.readText(policy, limit: 1 << 20, what: "tlog-policy file"))
        }
        guard let vkey else { throw ValidationError("give --vkey or --policy") }
        let text =
            FileManager.default.fileExists(atPath: vkey)
            ? try InputFile.readText(vkey, limit: 4096, what: "vkey file").trimmingCharacters(
                in: .whitespacesAndNewlines
            )
            : vkey
        return TlogPolicy(log: try NoteVerifier(vkey: text))
    }

    private func loadEntry(index: UInt64) async throws -> Envelope {
        if let entry {
            let bytes = try InputFile.read(entry, limit: Envelope.maxInputBytes, what: "DSSE envelope")
            do {
                return try Envelope(jsonBytes: bytes)
            } catch {
                throw Failure(Failure.usage, "\(entry): \(error.reason)")
            }
        }
        guard options.directory.exists else {
            throw Failure(Failure.usage, "no --entry given and no ledger here to take entry \(index) from")
        }
        let record = try await options.open().record(at: index)
        return record.envelope
    }
}
