import ArgumentParser
import ColophonLedger
import ColophonRecords
import ColophonReports
import Foundation

struct CorrectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct",
        abstract: "Retract, supersede or dispute a record. Nothing is ever deleted.",
        discussion: """
            Only a signer of a record may retract or supersede it; anyone with a key may dispute it. `show` and every verification report the correction.

            Example: colophon correct sha256:… --supersede sha256:… --reason "wrong seed recorded"
            """
    )

    @OptionGroup var options: LedgerOptions
    @OptionGroup var passphrase: PassphraseOptions

    @Argument(help: "The record to correct (id or #index).")
    var id: String

    @Flag(help: "Withdraw the record: it should no longer be relied on.")
    var retract = false

    @Option(help: ArgumentHelp("Replace the record with another one already in the log.", valueName: "new-id"))
    var supersede: String?

    @Flag(help: "Contest the record; it stays, marked as disputed.")
    var dispute = false

    @Option(help: "Why, for whoever reads the record later.")
    var reason: String

    @Option(help: "The key to sign with (default: the ledger's default key).")
    var key: String?

    struct Report: Codable {
        var target: String
        var action: String
        var record: AppendedReport
    }

    func validate() throws {
        let chosen = [retract, supersede != nil, dispute].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("choose exactly one of --retract, --supersede NEW, --dispute") }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--reason must not be empty")
        }
    }

    func run() async throws {
        let ledger = try await options.open()
        let target = try await ledger.resolve(id).recordID
        var replacement: RecordID?
        if let supersede {
            replacement = try await ledger.resolve(supersede).recordID
        }
        let action: CorrectionPredicate.Action = retract ? .retract : supersede != nil ? .supersede : .dispute
        let record = try await ledger.correct(
            target,
            action: action,
            reason: reason,
            replacement: replacement,
            keyName: key,
            passphrase: try passphrase.passphrase()
        )
        try options.output.emit(
            Report(target: target.description, action: action.rawValue, record: AppendedReport(record)),
            text: "Recorded \(action.rawValue) of \(target) as \(record.recordID) at entry \(record.index)"
        )
    }
}
