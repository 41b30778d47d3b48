import ArgumentParser
import ColophonCrypto
import ColophonLedger
import ColophonRecords
import ColophonReports
import ColophonStorage
import Foundation

struct RecordVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a DSSE envelope's signatures: exit 0 valid, 1 invalid, 2 unreadable.",
        discussion: """
            Without --pubkey, signatures are judged against the ledger's keys as of the record's place in the log (or as of now, if it is not in the log): a revoked, rotated or compromised key makes the record invalid, with the reason.
            """
    )

    @OptionGroup var options: LedgerOptions

    @Argument(help: ArgumentHelp("The envelope, or - for standard input.", valueName: "envelope.json"))
    var envelope: String

    @Option(
        help: ArgumentHelp(
            "Check against this SPKI PEM public key instead of the ledger's keys.",
            valueName: "file.pem"
        )
    )
    var pubkey: String?

    struct Report: Codable {
        var recordId: String
        var valid: Bool
        /// Absent when the payload is not a statement.
        var predicateType: String?
        var signatures: [SignatureReport]
        var problem: String?
        var index: UInt64?
        var integratedAt: String?
    }

    func run() async throws {
        let bytes = try InputFile.read(envelope, limit: Envelope.maxInputBytes, what: "DSSE envelope")
        let parsed: Envelope
        do {
            parsed = try Envelope(jsonBytes: bytes)
        } catch {
            throw Failure(Failure.usage, "\(envelope): \(error.reason)")
        }
        // An envelope that reads but whose payload is no longer a canonical statement was
        // altered (or never was a record): a verdict, not unreadable input.
        let statement: Statement?
        let payloadProblem: String?
        do {
            statement = try parsed.statement()
            payloadProblem = nil
        } catch {
            statement = nil
            payloadProblem = error.reason
        }
        var report = Report(
            recordId: parsed.recordID.description,
            valid: false,
            predicateType: statement?.predicateType,
            signatures: []
        )
        if let pubkey {
            let key: VerifyingKey
            do {
                key = try VerifyingKey(pem: try InputFile.readText(pubkey, limit: 64 * 1024, what: "PEM public key"))
            } catch let error as CryptoError {
                throw Failure(Failure.usage, "\(pubkey): \(error)")
            }
            report.signatures = parsed.signatures.map { signature in
                guard signature.keyID.isEmpty || signature.keyID == key.keyID else {
                    return SignatureReport(
                        SignatureVerdict(
                            keyID: signature.keyID,
                            keyName: nil,
                            role: nil,
                            valid: false,
                            problem: "signed by another key"
                        )
                    )
                }
                let valid = parsed.verifies(signature, with: key)
                return SignatureReport(
                    SignatureVerdict(
                        keyID: key.keyID,
                        keyName: nil,
                        role: nil,
                        valid: valid,
                        problem: valid ? nil : "the signature does not verify with \(pubkey)"
                    )
                )
            }
            report.valid = report.signatures.contains { $0.valid }
            report.problem = report.valid ? nil : (report.signatures.first?.problem ?? "no signature")
        } else {
            let ledger = try await options.open()
            let entry = try await ledger.store.entry(recordID: parsed.recordID)
            let verdict = try await ledger.keyRegistry().verify(
                parsed,
                statement: statement,
                index: entry?.index,
                time: entry?.integratedAt ?? Date()
            )
            report.signatures = verdict.signatures.map(SignatureReport.init)
            report.valid = verdict.isValid
            report.problem = verdict.problem
            report.index = entry?.index
            report.integratedAt = entry.map { RFC3339.format($0.integratedAt) }
        }
        if let payloadProblem {
            report.problem =
                report.valid
                ? "the signed payload is not a valid record: \(payloadProblem)"
                : "this record was altered: \(payloadProblem)"
            report.valid = false
        }
        let verdictLine = report.valid ? "valid" : "INVALID: \(report.problem ?? "no valid signature")"
        try options.output.emit(
            report,
            text: (["\(report.recordId): \(verdictLine)"] + report.signatures.map(\.line)).joined(separator: "\n")
        )
        if !report.valid { throw ExitCode(Failure.notVerified) }
    }
}
