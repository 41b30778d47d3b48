import ArgumentParser
import ColophonLedger
import ColophonRecords
import ColophonReports
import Foundation

struct KeyRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke a key: records logged after now (or after --compromised-at) become invalid.",
        discussion: "Example: colophon key revoke studio --reason 'laptop stolen' --compromised-at 2026-11-20T00:00:00Z"
    )

    @OptionGroup var options: LedgerOptions
    @OptionGroup var passphrase: PassphraseOptions

    @Argument(help: "The key to revoke.")
    var name: String

    @Option(help: "Why, in words a reader of the record will understand.")
    var reason: String

    @Option(help: ArgumentHelp("When the key must be presumed stolen (RFC 3339).", valueName: "time"))
    var compromisedAt: String?

    struct Report: Codable {
        var name: String
        var reason: String
        var compromisedAt: String?
        var record: AppendedReport
    }

    func validate() throws {
        if let compromisedAt, RFC3339.parse(compromisedAt) == nil {
            throw ValidationError("--compromised-at must be an RFC 3339 time such as 2026-11-20T00:00:00Z")
        }
        if reason.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--reason must not be empty")
        }
    }

    func run() async throws {
        let ledger = try await options.open()
        let record = try await ledger.revokeKey(
            name: name,
            reason: reason,
            compromisedAt: compromisedAt.flatMap(RFC3339.parse),
            passphrase: try passphrase.passphrase()
        )
        let report = Report(name: name, reason: reason, compromisedAt: compromisedAt, record: AppendedReport(record))
        try options.output.emit(report, text: "Revoked key \(name) by \(record.recordID) at entry \(record.index)")
    }
}
