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
            Trust comes from --vkey (the log's verifier key, or a file holding it) or --policy (a C2SP tlog-policy file, which can also demand witness cosignatures). The entry (--entry) is a signed record (its DSSE envelope, in any JSON layout) or the entry's bytes exactly as logged, for logs that hold other kinds of entries; without it, the entry at the proof's index in the local ledger is used.
            """
    )

    @OptionGroup var options: LedgerOptions

    @Argument(help: ArgumentHelp("The proof file.", valueName: "file.tlog-proof"))
    var proof: String

    @Option(help: ArgumentHelp("The log's vkey, or a file containing it.", valueName: "vkey"))
    var vkey: String?

    @Option(help: ArgumentHelp("A tlog-policy file.", valueName: "file"))
    var policy: String?

    @Option(
        help: ArgumentHelp(
            "The entry the proof is for: a DSSE envelope, or the entry's bytes as logged.",
            valueName: "file"
        )
    )
    var entry: String?

    struct Report: Codable {
        var valid: Bool
        var origin: String
        var index: UInt64
        var size: UInt64
        var root: String
        /// SHA-256 of the entry's bytes as logged, in hex.
        var entrySha256: String
        /// Present when the entry is a signed record.
        var recordId: String?
    }

    /// An entry to prove: the bytes the log holds, and the record they are, if any.
    struct Entry {
        var bytes: [UInt8]
        var recordID: RecordID?
    }

    func validate() throws {
        guard (vkey == nil) != (policy == nil) else { throw ValidationError("give exactly one of --vkey or --policy") }
    }

    func run() async throws {
        let trust = try loadPolicy()
        let parsed = try TlogProof(parsing: try InputFile.readText(proof, limit: 1 << 20, what: "tlog-proof file"))
        var failure: LogError?
        for entry in try await loadEntries(index: parsed.index) {
            let checkpoint: Checkpoint
            do {
                checkpoint = try parsed.verify(entry: entry.bytes, policy: trust)
            } catch {
                failure = failure ?? error
                continue
            }
            let report = Report(
                valid: true,
                origin: checkpoint.origin,
                index: parsed.index,
                size: checkpoint.size,
                root: Base64.encode(checkpoint.root.bytes),
                entrySha256: SHA256.hash(entry.bytes).hex,
                recordId: entry.recordID?.description
            )
            let what = report.recordId ?? "the entry (sha256 \(report.entrySha256))"
            try options.output.emit(
                report,
                text: "proven: \(what) is entry \(report.index) of \(report.origin) (size \(report.size))"
            )
            return
        }
        Terminal.error("colophon: \(proof): NOT PROVEN: \(failure?.reason ?? "no entry to check")")
        throw ExitCode(Failure.notVerified)
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

    /// The forms the entry may have been logged in, most likely first: a Colophon log holds an
    /// envelope's canonical bytes; another log holds whatever bytes it was given.
    private func loadEntries(index: UInt64) async throws -> [Entry] {
        if let entry {
            let bytes = try InputFile.read(entry, limit: Envelope.maxInputBytes, what: "log entry")
            guard let envelope = try? Envelope(jsonBytes: bytes), let canonical = try? envelope.canonicalBytes() else {
                guard bytes.count <= Envelope.maxEncodedBytes else {
                    throw Failure(
                        Failure.usage,
                        "\(entry): neither a DSSE envelope nor a log entry (entries hold at most \(Envelope.maxEncodedBytes) bytes; this is \(bytes.count))"
                    )
                }
                return [Entry(bytes: bytes, recordID: nil)]
            }
            let record = Entry(bytes: canonical, recordID: envelope.recordID)
            return canonical == bytes ? [record] : [record, Entry(bytes: bytes, recordID: nil)]
        }
        guard options.directory.exists else {
            throw Failure(Failure.usage, "no --entry given and no ledger here to take entry \(index) from")
        }
        let record = try await options.open().record(at: index)
        return [Entry(bytes: try record.envelope.canonicalBytes(), recordID: record.envelope.recordID)]
    }
}
