import ArgumentParser
import ColophonLedger
import ColophonPostgres
import ColophonReports
import ColophonStorage
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

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The PostgreSQL database holding the records, instead of the one the ledger names.",
            discussion: "A URL such as postgres://user@host:5432/db?schema=colophon&sslmode=disable.",
            valueName: "url"
        )
    )
    var postgres: String?

    @Flag(name: .long, help: "Print one JSON document on standard output (see Schemas/cli/).")
    var json = false

    /// The ledger folder these options name.
    var directory: LedgerDirectory {
        LedgerDirectory(ledger ?? ProcessInfo.processInfo.environment["COLOPHON_LEDGER"] ?? ".colophon")
    }

    /// Opens the ledger.
    func open() async throws -> Ledger {
        let directory = self.directory
        guard let url = try postgres ?? Ledger.readConfiguration(directory).postgres else {
            return try await Ledger.open(directory)
        }
        return try await Ledger.open(directory, store: Self.openPostgres(url))
    }

    /// Connects to the PostgreSQL store at `url`.
    static func openPostgres(_ url: String) async throws -> PostgresLedgerStore {
        do {
            return try await PostgresLedgerStore(url: url)
        } catch let error as StorageError {
            throw LedgerError(error.code == .incompatible ? .badInput : .storage, error.reason)
        }
    }

    var output: Output {
        Output(json: json)
    }
}
