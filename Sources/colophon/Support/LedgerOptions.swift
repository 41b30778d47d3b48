import ArgumentParser
import ColophonLedger
import Foundation

/// The options every ledger command takes.
struct LedgerOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The ledger folder.",
            discussion: "Default: $COLOPHON_LEDGER, else .colophon here.",
            valueName: "dir"
        )
    )
    var ledger: String?

    @Flag(name: .long, help: "Print one JSON document on standard output (see Schemas/cli/).")
    var json = false

    /// The ledger folder these options name.
    var directory: LedgerDirectory {
        LedgerDirectory(ledger ?? ProcessInfo.processInfo.environment["COLOPHON_LEDGER"] ?? ".colophon")
    }

    /// Opens the ledger.
    func open() async throws -> Ledger {
        try await Ledger.open(directory)
    }

    var output: Output {
        Output(json: json)
    }
}
