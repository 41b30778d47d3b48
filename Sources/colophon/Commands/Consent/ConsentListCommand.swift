import ArgumentParser
import ColophonLedger
import ColophonReports
import Foundation

struct ConsentListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "The declarations in force, with what each supersedes.",
        discussion: """
            One declaration per artist and signing key: the latest. --artist keeps those naming the artist by any alias. Exit status 1 when there are none.

            Example: colophon consent list --artist rutkowski
            """
    )

    @OptionGroup var options: LedgerOptions

    @Option(help: ArgumentHelp("Only declarations naming this artist.", valueName: "name"))
    var artist: String?

    func run() async throws {
        let ledger = try await options.open()
        let book = try await ledger.consentBook()
        let declarations = artist.map { book.declarations(naming: $0) } ?? book.declarations
        let report = ConsentListReport(declarations: declarations.map(ConsentListReport.Declaration.init))
        try options.output.emit(report, text: report.text)
        if declarations.isEmpty { throw ExitCode(Failure.notVerified) }
    }
}
