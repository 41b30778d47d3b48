import Foundation
import Testing

/// The command line end to end, as a user drives it.
@Suite struct WorkflowTests {
    @Test func signAppendProveAndCorrect() throws {
        let cli = try CLI.withLedger()
        let statement = try cli.write("statement.json", CLI.statement(4))
        let signed = try cli.run("record", "sign", statement, "--key", "studio", "--out", cli.path("record.json"))
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(try cli.run("record", "verify", cli.path("record.json")).status == 0)
        let appended = try cli.run("append", cli.path("record.json"), "--json")
        #expect(appended.status == 0, "\(appended.stderr)")
        let records = appended.json["records"] as? [[String: Any]] ?? []
        let id = records.first?["recordId"] as? String ?? ""
        #expect(id.hasPrefix("sha256:"))
        let again = try cli.run("append", cli.path("record.json"), "--json").json["records"] as? [[String: Any]] ?? []
        #expect(again.first?["new"] as? Bool == false)
        #expect(again.first?["index"] as? Int == records.first?["index"] as? Int)

        let proved = try cli.run("log", "prove", id, "--out", cli.path("record.tlog-proof"))
        #expect(proved.status == 0, "\(proved.stderr)")
        let vkey = cli.ledger + "/log.vkey"
        #expect(
            try cli.run(
                "log",
                "verify-proof",
                cli.path("record.tlog-proof"),
                "--vkey",
                vkey,
                "--entry",
                cli.path("record.json")
            ).status == 0
        )
        // Without --entry, the local ledger supplies it.
        #expect(try cli.run("log", "verify-proof", cli.path("record.tlog-proof"), "--vkey", vkey).status == 0)
        // Another record's bytes do not verify against this proof.
        let otherStatement = try cli.write("other.json", CLI.statement(5))
        try cli.write("other-record.json", try cli.run("record", "sign", otherStatement, "--key", "studio").stdout)
        #expect(
            try cli.run(
                "log",
                "verify-proof",
                cli.path("record.tlog-proof"),
                "--vkey",
                vkey,
                "--entry",
                cli.path("other-record.json")
            ).status == 1
        )

        #expect(try cli.run("correct", id, "--retract", "--reason", "posted by mistake").status == 0)
        let shown = try cli.run("show", id, "--json")
        #expect(shown.json["status"] as? String == "retracted")
        #expect(try cli.run("show", id).stdout.contains("RETRACTED"))
    }

    @Test func rotationAndRevocationThroughTheCommandLine() throws {
        let cli = try CLI.withLedger()
        let first = try cli.write("first.json", CLI.statement(6))
        try cli.write("first-record.json", try cli.run("record", "sign", first, "--key", "studio").stdout)
        #expect(try cli.run("append", cli.path("first-record.json")).status == 0)
        #expect(try cli.run("key", "rotate", "studio").status == 0)
        let keys = try cli.run("key", "list", "--json").json["keys"] as? [[String: Any]] ?? []
        #expect(
            keys.filter { $0["name"] as? String == "studio" }.compactMap { $0["status"] as? String }.sorted() == [
                "active", "rotated",
            ]
        )
        #expect(try cli.run("record", "verify", cli.path("first-record.json")).status == 0)
        #expect(
            try cli.run("key", "revoke", "studio", "--reason", "stolen", "--compromised-at", "2000-01-01T00:00:00Z")
                .status == 0
        )
        let second = try cli.write("second.json", CLI.statement(7))
        let refused = try cli.run("record", "sign", second, "--key", "studio")
        #expect(refused.status == 1, "\(refused.stderr)")
        // The record logged before the revocation was signed by the rotated-out key, which was
        // not the one compromised: it stays valid.
        #expect(try cli.run("record", "verify", cli.path("first-record.json")).status == 0)
    }

    @Test func tilesPublishIncrementally() throws {
        let cli = try CLI.withLedger()
        let first = try cli.run("log", "tiles", "--out", cli.path("tiles"), "--json")
        #expect(first.status == 0)
        #expect(first.json["previousSize"] as? Int == 0)
        let statement = try cli.write("statement.json", CLI.statement(8))
        try cli.write("record.json", try cli.run("record", "sign", statement, "--key", "studio").stdout)
        _ = try cli.run("append", cli.path("record.json"))
        let second = try cli.run("log", "tiles", "--out", cli.path("tiles"), "--json")
        #expect(second.json["previousSize"] as? Int == 2)
        #expect(second.json["size"] as? Int == 3)
        #expect(second.json["filesWritten"] as? Int == 3)
    }

    @Test func quickstartRuns() throws {
        let cli = try CLI()
        let result = try cli.run(["quickstart", "--temporary", "--json"], useLedger: false)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.json["proofVerified"] as? Bool == true)
        #expect(result.json["tilesVerified"] as? Bool == true)
        // Nothing is left: not in the working folder, not where the ledger was.
        #expect(result.json["report"] == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.root.path).isEmpty)
        let ledger = try #require(result.json["ledger"] as? String)
        #expect(!FileManager.default.fileExists(atPath: ledger))
    }

    /// The quickstart keeps its results in ./colophon-quickstart, says what to open next, replaces
    /// its own folder on a later run and never touches a folder it did not make.
    @Test func quickstartKeepsItsResults() throws {
        let cli = try CLI()
        let first = try cli.run(["quickstart"], useLedger: false)
        #expect(first.status == 0, "\(first.stderr)")
        let folder = cli.path("colophon-quickstart")
        for name in ["lighthouse-report.html", "lighthouse.cbz", "panel.tlog-proof", "ledger/ledger.sqlite"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/" + name), "\(name) is kept")
        }
        #expect(first.stdout.contains("open the publisher's report:"))
        #expect(first.stdout.contains("colophon serve --ledger \(folder)/ledger"))

        // A second run replaces the first (a new ledger: another log key).
        let second = try cli.run(["quickstart", "--json"], useLedger: false)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.json["folder"] as? String == folder)
        #expect(second.json["report"] as? String == folder + "/lighthouse-report.html")
        #expect(
            !first.stdout.contains(
                second.json["checkpoint"].flatMap { ($0 as? [String: Any])?["root"] as? String } ?? "-"
            )
        )

        // A file of the user's own inside the quickstart's folder: the next run refuses and
        // leaves everything as it is.
        try cli.write("colophon-quickstart/notes.txt", "mine")
        let kept = try cli.run(["quickstart"], useLedger: false)
        #expect(kept.status == 2)
        #expect(kept.stderr.contains("notes.txt"))
        #expect(FileManager.default.fileExists(atPath: folder + "/notes.txt"))
        #expect(FileManager.default.fileExists(atPath: folder + "/lighthouse-report.html"))

        // A folder with someone else's files is refused, unchanged.
        let theirs = cli.path("theirs")
        try FileManager.default.createDirectory(atPath: theirs, withIntermediateDirectories: true)
        try cli.write("theirs/notes.txt", "mine")
        let refused = try cli.run(["quickstart", "--keep", theirs], useLedger: false)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("was not made by the quickstart"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: theirs) == ["notes.txt"])
        let file = try cli.write("a-file", "x")
        #expect(try cli.run(["quickstart", "--keep", file], useLedger: false).status == 2)
        #expect(try cli.run(["quickstart", "--keep", theirs, "--temporary"], useLedger: false).status == 2)
    }
}
