import ArgumentParser
import ColophonLedger
import ColophonRecords
import ColophonReports
import Foundation

struct WorkEditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change a work's title, series, creators, publisher or whole-work contributions, as a new version.",
        discussion: """
            Pages and elements stay as they are (`work element` edits elements; `work import` with the same --id brings new page images). The new version supersedes the old.

            Example: colophon work edit lighthouse --title "The Lighthouse Keeper" --creator "Kris Kashtanova:writer" --publisher "Example Comics" --contribution sha256:… --key kris
            """
    )

    @OptionGroup var options: LedgerOptions
    @OptionGroup var passphrase: PassphraseOptions
    @OptionGroup var work: WorkOptions

    @Argument(help: ArgumentHelp("The work (its id or record id).", valueName: "work"))
    var reference: String

    @Option(help: ArgumentHelp("The title.", valueName: "title"))
    var title: String?

    @Option(help: ArgumentHelp("The series.", valueName: "series"))
    var series: String?

    @Option(help: ArgumentHelp("The issue number.", valueName: "number"))
    var number: String?

    @Option(help: ArgumentHelp("A summary.", valueName: "text"))
    var summary: String?

    @Option(help: ArgumentHelp("The language (ISO 639).", valueName: "code"))
    var language: String?

    func validate() throws {
        if let title, title.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--title cannot be empty")
        }
        let changes: [Any?] = [title, series, number, summary, language, work.publisher]
        if changes.allSatisfy({ $0 == nil }), work.creator.isEmpty, work.contribution.isEmpty {
            throw ValidationError(
                "nothing to change: give --title, --series, --number, --summary, --language, --creator, --publisher or --contribution"
            )
        }
    }

    func run() async throws {
        let ledger = try await options.open()
        var predicate = try await ledger.work(reference).predicate
        if let title { predicate.title = title }
        if let series { predicate.series = series }
        if let number { predicate.number = number }
        if let summary { predicate.summary = summary }
        if let language { predicate.language = language }
        try work.apply(to: &predicate)
        let signer = try await ledger.signingKey(named: work.key, passphrase: try passphrase.passphrase())
        let recorded = try await ledger.recordWork(predicate, key: signer.key)
        let report = WorkReport(recorded)
        try options.output.emit(report, text: report.text)
    }
}
