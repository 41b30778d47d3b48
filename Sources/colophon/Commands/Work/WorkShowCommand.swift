import ArgumentParser
import ColophonLedger
import ColophonRecords
import ColophonReports
import Foundation

struct WorkShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "A work's current version (or a given version's record), its pages and elements.",
        discussion: "Example: colophon work show lighthouse --json"
    )

    @OptionGroup var options: LedgerOptions

    @Argument(help: ArgumentHelp("The work (its id or record id).", valueName: "work"))
    var reference: String

    func run() async throws {
        let ledger = try await options.open()
        let version = try await ledger.work(reference)
        let versions = try await ledger.workVersions(version.predicate.workId)
        let report = WorkShowReport(version, versions: versions)
        try options.output.emit(report, text: report.text)
    }
}
