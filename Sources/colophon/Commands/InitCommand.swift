import ArgumentParser
import ColophonLedger
import ColophonLog
import ColophonPostgres
import ColophonReports
import Foundation

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new ledger: a log key, an empty signed log, and the operator key.",
        discussion: """
            Prints the log's verifier key (vkey). Give it to whoever will check this ledger's checkpoints and proofs: it is what they trust.

            With --postgres URL the records live in that PostgreSQL database (in the URL's ?schema=, default colophon) and the folder remembers the URL; copy the folder to every host whose colophon serve shares the log.
            """
    )

    @OptionGroup var options: LedgerOptions

    @Option(help: ArgumentHelp("The log's origin, a schema-less URL such as example.com/ledger.", valueName: "name"))
    var origin: String?

    struct Report: Codable {
        var ledger: String
        var origin: String
        var vkey: String
        var operatorKey: KeyReport
        var checkpoint: CheckpointReport
    }

    func run() async throws {
        var store: PostgresLedgerStore?
        if let url = options.postgres {
            store = try await LedgerOptions.openPostgres(url)
        }
        let ledger = try await Ledger.create(
            at: options.directory,
            origin: origin,
            store: store,
            postgres: options.postgres
        )
        guard let operatorKey = try await ledger.keyRegistry().activeKey(named: Ledger.operatorKeyName) else {
            throw Failure(Failure.internalError, "the operator key was not registered")
        }
        let report = Report(
            ledger: ledger.directory.root.path,
            origin: ledger.configuration.origin,
            vkey: ledger.verifier.vkey,
            operatorKey: KeyReport(operatorKey, local: true),
            checkpoint: CheckpointReport(try await ledger.latestCheckpoint())
        )
        try options.output.emit(
            report,
            text: """
                Created ledger \(report.ledger)
                origin \(report.origin)
                vkey \(report.vkey)
                """
        )
    }
}
