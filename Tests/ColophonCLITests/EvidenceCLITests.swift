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
