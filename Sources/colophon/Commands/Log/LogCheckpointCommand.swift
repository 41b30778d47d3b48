import ArgumentParser
import ColophonLedger
import ColophonLog
import ColophonRecords
import ColophonReports
import ColophonStorage
import Foundation

struct LogCheckpointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Print the latest signed checkpoint (a C2SP signed note)."
    )

    @OptionGroup var options: LedgerOptions

    struct Report: Codable {
        var origin: String
        var size: UInt64
        var root: String
        var note: String
        var signedAt: String
        var vkey: String
    }

    func run() async throws {
        let ledger = try await options.open()
        let head = try await ledger.latestCheckpoint()
        let checkpoint = CheckpointReport(head)
        let report = Report(
            origin: ledger.configuration.origin,
            size: checkpoint.size,
            root: checkpoint.root,
            note: checkpoint.note,
            signedAt: RFC3339.format(head.signedAt),
            vkey: ledger.verifier.vkey
        )
        try options.output.emit(report, text: String(head.note.dropLast()))
    }
}
