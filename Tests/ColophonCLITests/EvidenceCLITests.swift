import Foundation
import Testing

/// `export` and `bundle verify` as a user runs them, and their bad input.
@Suite struct EvidenceCLITests {
    @Test func exportAndVerifyARecord() throws {
        let cli = try CLI.withLedger()
        let statement = try cli.write("statement.json", CLI.statement(7))
        let signed = try cli.run("record", "sign", statement, "--key", "studio", "--out", cli.path("record.json"))
        #expect(signed.status == 0)
        let appended = try cli.run("append", cli.path("record.json"), "--json")
        let id = (appended.json["records"] as? [[String: Any]])?.first?["recordId"] as? String ?? ""
        let exported = try cli.run("export", "--record", id, "--out", cli.path("one.zip"), "--reason", "test", "--json")
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.json["records"] as? Int ?? 0 >= 3)
        let verified = try cli.run(["bundle", "verify", cli.path("one.zip")], useLedger: false)
        #expect(verified.status == 0, "\(verified.stdout)")
        #expect(verified.stdout.hasPrefix("VERIFIED"))
        #expect(verified.stdout.contains("✓ custody"))
        // The ledger's own log key, pinned.
        let vkey = try String(contentsOfFile: cli.ledger + "/log.vkey", encoding: .utf8)
        try cli.write("pinned.policy", "log \(vkey.trimmingCharacters(in: .whitespacesAndNewlines))\nquorum none\n")
        #expect(
            try cli.run(
                ["bundle", "verify", cli.path("one.zip"), "--policy", cli.path("pinned.policy")],
                useLedger: false
            ).status == 0
        )
    }

    static let tsaTool = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Tools/test_tsa.py").standardized.path

    @Test func bundlesAreTimestampedByTheConfiguredAuthority() throws {
        let cli = try CLI.withLedger()
        let folder = cli.path("tsa")
        let setup = Process()
        setup.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        setup.arguments = ["python3", Self.tsaTool, "setup", folder]
        setup.standardOutput = FileHandle.nullDevice
        try setup.run()
        setup.waitUntilExit()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", Self.tsaTool, "serve", folder]
        let announced = cli.path("tsa-url.txt")
        _ = FileManager.default.createFile(atPath: announced, contents: nil)
        server.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: announced))
        try server.run()
        // SIGKILL: a child of the test process may not see SIGTERM.
        defer { kill(server.processIdentifier, SIGKILL) }
        var url = ""
        for _ in 0..<100 where !url.hasSuffix("\n") {
            Thread.sleep(forTimeInterval: 0.05)
            url = (try? String(contentsOfFile: announced, encoding: .utf8)) ?? ""
        }
        url = url.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(url.hasPrefix("http://127.0.0.1:"))
        #expect(try cli.run("tsa", url, "--roots", folder + "/root.pem").status == 0)
        let exported = try cli.run("export", "--artist", "anyone", "--out", cli.path("x.zip"))
        #expect(exported.status == 1)
        let statement = try cli.write("statement.json", CLI.statement(8))
        _ = try cli.run("record", "sign", statement, "--key", "studio", "--out", cli.path("record.json"))
        let id =
            (try cli.run("append", cli.path("record.json"), "--json").json["records"] as? [[String: Any]])?
            .first?["recordId"] as? String ?? ""
        let stamped = try cli.run("export", "--record", id, "--out", cli.path("stamped.zip"))
        #expect(stamped.status == 0, "\(stamped.stderr)")
        let verified = try cli.run(
            ["bundle", "verify", cli.path("stamped.zip"), "--tsa-roots", folder + "/root.pem"],
            useLedger: false
        )
        #expect(
            verified.status == 0 && verified.stdout.contains("✓ timestamps: checkpoint stamped"),
            "\(verified.stdout)"
        )
        // The authority gone: the export fails (exit 3) and writes nothing.
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        let down = try cli.run("export", "--record", id, "--out", cli.path("down.zip"))
        #expect(down.status == 3 && down.stderr.contains("cannot be reached"), "\(down.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("down.zip")))
        #expect(try cli.run("tsa", "--remove").status == 0)
        #expect(try cli.run("export", "--record", id, "--out", cli.path("plain.zip")).status == 0)
        // Bad configurations.
        try cli.write("junk.pem", "not a certificate")
        for (arguments, reason) in [
            (["tsa", "ftp://x/tsa", "--roots", folder + "/root.pem"], "not an http(s) URL"),
            (["tsa", "http://127.0.0.1:1/tsa", "--roots", cli.path("junk.pem")], "no PEM certificate"),
            (["tsa"], "--roots"),
            (["tsa", "--remove", "http://x"], "takes no URL"),
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 2 && result.stderr.contains(reason), "\(arguments): \(result.stderr)")
        }
    }

    @Test(
        arguments: [
            (["export", "--out", "x.zip"], 2, "exactly one of"),
            (["export", "--work", "w", "--artist", "a", "--out", "x.zip"], 2, "exactly one of"),
            (["export", "--record", "sha256:nothex", "--out", "x.zip"], 2, "not a record id"),
            (["export", "--work", "w", "--out", "x.zip", "--reason", " "], 2, "--reason"),
            (["export", "--work", "w", "--out", "x.zip", "--since", "missing.checkpoint"], 2, "no such file"),
            (["export", "--work", "nothing", "--out", "x.zip"], 1, "no work nothing"),
            (["export", "--artist", "Nobody Atall", "--out", "x.zip"], 1, "nothing in this ledger"),
            (["bundle", "verify", "missing.zip"], 2, "no such file"),
            (["export", "--work", "w", "--out", "x.zip", "--redact", "seed"], 2, "not a field that can be committed"),
            (["reveal", "sha256:nothex"], 2, "not a record id"),
            (["reveal", "sha256:" + String(repeating: "a", count: 64)], 1, "no record"),
            (["reveal", "sha256:" + String(repeating: "a", count: 64), "--field", "seed"], 2, "not a committed field"),
        ]
    )
    func badInput(arguments: [String], status: Int32, reason: String) throws {
        let cli = try CLI.withLedger()
        let result = try cli.run(arguments, useLedger: arguments.first != "bundle")
        #expect(result.status == status, "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains(reason), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("x.zip")))
    }

    @Test func notABundle() throws {
        let cli = try CLI.withLedger()
        try cli.write("junk.zip", "this is not a zip archive")
        let junk = try cli.run(["bundle", "verify", cli.path("junk.zip")], useLedger: false)
        #expect(junk.status == 2 && junk.stderr.contains("not a readable zip"), "\(junk.stderr)")
        try cli.write("bad.policy", "nonsense")
        let policy = try cli.run(
            ["bundle", "verify", cli.path("junk.zip"), "--policy", cli.path("bad.policy")],
            useLedger: false
        )
        #expect(policy.status == 2 && policy.stderr.contains("not a tlog-policy"), "\(policy.stderr)")
    }
}
