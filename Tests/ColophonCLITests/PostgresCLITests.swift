import Foundation
import Testing

/// The command line on a PostgreSQL ledger: `init --postgres` records the database, every
/// command then uses it, and two ledgers never share one log.
@Suite(.enabled(if: PostgresTestServer.isWanted))
struct PostgresCLITests {
    @Test func aLedgerInPostgresSignsAppendsAndProves() throws {
        let url = try PostgresTestServer.freshURL()
        let cli = try CLI()
        let created = try cli.run("init", "--origin", "pg.colophon.example/log", "--postgres", url, "--json")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(try cli.run("key", "new", "studio", "--role", "generator").status == 0)
        let statement = try cli.write("statement.json", CLI.statement(3))
        try cli.write("record.json", try cli.run("record", "sign", statement, "--key", "studio").stdout)
        let appended = try cli.run("append", cli.path("record.json"), "--json")
        #expect(appended.status == 0, "\(appended.stderr)")
        let id = (appended.json["records"] as? [[String: Any]])?.first?["recordId"] as? String ?? ""
        #expect((appended.json["records"] as? [[String: Any]])?.first?["index"] as? Int == 2)
        let proved = try cli.run("log", "prove", id, "--out", cli.path("record.tlog-proof"))
        #expect(proved.status == 0, "\(proved.stderr)")
        #expect(
            try cli.run("log", "verify-proof", cli.path("record.tlog-proof"), "--vkey", cli.ledger + "/log.vkey")
                .status == 0
        )
        // Nothing went to a SQLite file: the folder names the database instead.
        #expect(!FileManager.default.fileExists(atPath: cli.ledger + "/ledger.sqlite"))
        let configuration = try String(contentsOfFile: cli.ledger + "/config.json", encoding: .utf8)
        #expect(configuration.contains("postgres"))

        // A second ledger cannot take over the same schema with another log key.
        let other = try CLI()
        let refused = try other.run("init", "--postgres", url)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("already holds a log of 3 entries"))
    }

    @Test func badPostgresURLsAreUsageErrors() throws {
        let cli = try CLI()
        for url in [
            "mysql://localhost/db", "postgres://", "postgres://localhost/db?schema=Robert'); DROP",
            "postgres://h/db?mode=x",
        ] {
            let result = try cli.run("init", "--postgres", url)
            #expect(result.status == 2, "\(url): \(result.stderr)")
            #expect(!result.stderr.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: cli.ledger))
    }

    @Test func anUnreachableServerIsAStorageError() throws {
        let cli = try CLI()
        let result = try cli.run("init", "--postgres", "postgres://postgres@127.0.0.1:1/none?sslmode=disable")
        #expect(result.status == 3)
        #expect(result.stderr.contains("cannot connect"))
        #expect(!FileManager.default.fileExists(atPath: cli.ledger))
    }
}
