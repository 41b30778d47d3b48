import Foundation
import Testing

/// Bad input is answered with one line on standard error and exit status 2 (or 1 for
/// "checked and not valid") — never a crash, a stack trace, or a partial write.
@Suite struct BadInputTests {
    static func expectOneLineFailure(_ result: CLI.Result, status: Int32, mentioning text: String) {
        #expect(result.status == status, "exit \(result.status): \(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "expected one line, got: \(result.stderr)")
        #expect(result.stderr.contains(text), "\(result.stderr)")
        #expect(!result.stderr.contains("Backtrace") && !result.stderr.contains("Fatal error"))
    }

    @Test func malformedTruncatedAndWrongTypePEMKeys() throws {
        let cli = try CLI.withLedger()
        let statement = try cli.write("statement.json", CLI.statement(1))
        try cli.write("garbage.pem", "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n")
        Self.expectOneLineFailure(
            try cli.run("record", "sign", statement, "--key", cli.path("garbage.pem")),
            status: 2,
            mentioning: "garbage.pem"
        )
        let real = try String(contentsOfFile: cli.ledger + "/keys/studio.pem", encoding: .utf8)
        try cli.write("truncated.pem", String(real.prefix(real.count / 2)))
        Self.expectOneLineFailure(
            try cli.run("record", "sign", statement, "--key", cli.path("truncated.pem")),
            status: 2,
            mentioning: "truncated.pem"
        )
        let rsa = Process()
        rsa.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        rsa.arguments = [
            "openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", cli.path("rsa.pem"),
        ]
        try rsa.run()
        rsa.waitUntilExit()
        Self.expectOneLineFailure(
            try cli.run("record", "sign", statement, "--key", cli.path("rsa.pem")),
            status: 2,
            mentioning: "RSA"
        )
    }

    @Test func badEnvelopes() throws {
        let cli = try CLI.withLedger()
        let cases: [(String, String)] = [
            (
                "{\"payload\":\"@@@@\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"keyid\":\"\",\"sig\":\"AA==\"}]}",
                "Base64"
            ),
            (
                "{\"payload\":\"e30=\",\"payload\":\"e30=\",\"payloadType\":\"x\",\"signatures\":[{\"sig\":\"AA==\"}]}",
                "duplicate member name"
            ),
            (String(repeating: "[", count: 5000), "nesting deeper"),
            ("{\"payload\":\"e30=\"", "unterminated"),
            ("not json", "invalid JSON"),
        ]
        for (number, (text, reason)) in cases.enumerated() {
            let file = try cli.write("bad-\(number).json", text)
            Self.expectOneLineFailure(try cli.run("record", "verify", file), status: 2, mentioning: reason)
            Self.expectOneLineFailure(try cli.run("append", file), status: 2, mentioning: reason)
        }
        try cli.write("binary.json", bytes: [0xFF, 0xFE, 0x00])
        Self.expectOneLineFailure(try cli.run("append", cli.path("binary.json")), status: 2, mentioning: "binary.json")
    }

    @Test func hundredMegabyteValueIsRefused() throws {
        let cli = try CLI.withLedger()
        let big = cli.path("big.json")
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
        let chunk = Data(repeating: UInt8(ascii: " "), count: 1 << 20)
        handle.write(Data("\"".utf8))
        for _ in 0..<100 { handle.write(chunk) }
        handle.write(Data("\"".utf8))
        try handle.close()
        Self.expectOneLineFailure(try cli.run("append", big), status: 2, mentioning: "larger than")
        Self.expectOneLineFailure(
            try cli.run("record", "sign", big, "--key", "studio"),
            status: 2,
            mentioning: "larger than"
        )
    }

    @Test func nonCanonicalPayloadAndForeignSignature() throws {
        let cli = try CLI.withLedger()
        let statement = try cli.write("statement.json", CLI.statement(2))
        let signed = try cli.run("record", "sign", statement, "--key", "studio")
        #expect(signed.status == 0, "\(signed.stderr)")
        var envelope = try JSONSerialization.jsonObject(with: Data(signed.stdout.utf8)) as? [String: Any] ?? [:]
        // Re-encode the payload with spaces: same statement, not canonical, and the signature
        // no longer matches it either.
        let payload = Data(base64Encoded: envelope["payload"] as? String ?? "") ?? Data()
        let spaced = String(decoding: payload, as: UTF8.self).replacingOccurrences(of: ",", with: ", ")
        envelope["payload"] = Data(spaced.utf8).base64EncodedString()
        let file = cli.path("noncanonical.json")
        try JSONSerialization.data(withJSONObject: envelope).write(to: URL(fileURLWithPath: file))
        // The envelope reads, its payload no longer verifies: checked and not valid, not bad input.
        let spacedVerdict = try cli.run("record", "verify", file)
        #expect(spacedVerdict.status == 1, "\(spacedVerdict.stderr)")
        #expect(spacedVerdict.stdout.contains("this record was altered"))
        #expect(spacedVerdict.stdout.contains("canonical"))
        Self.expectOneLineFailure(try cli.run("append", file), status: 1, mentioning: "was altered")

        // A payload altered so that it no longer parses at all: the same verdict, in JSON too.
        var broken = Array(payload)
        broken[broken.count / 2] = UInt8(ascii: "}")
        envelope["payload"] = Data(broken).base64EncodedString()
        let brokenFile = cli.path("broken-payload.json")
        try JSONSerialization.data(withJSONObject: envelope).write(to: URL(fileURLWithPath: brokenFile))
        let brokenVerdict = try cli.run("record", "verify", brokenFile, "--json")
        #expect(brokenVerdict.status == 1, "\(brokenVerdict.stderr)")
        #expect(brokenVerdict.json["valid"] as? Bool == false)
        #expect((brokenVerdict.json["problem"] as? String)?.hasPrefix("this record was altered") == true)
        #expect(brokenVerdict.json["predicateType"] == nil)
        Self.expectOneLineFailure(try cli.run("append", brokenFile), status: 1, mentioning: "was altered")

        // Signed by a key the ledger does not know: checked and not valid.
        let other = try CLI()
        _ = try other.run("init")
        _ = try other.run("key", "new", "stranger")
        let foreign = try other.run("record", "sign", statement, "--key", "stranger")
        let foreignFile = try cli.write("foreign.json", foreign.stdout)
        let verified = try cli.run("record", "verify", foreignFile)
        #expect(verified.status == 1)
        #expect(verified.stdout.contains("not registered"))
        Self.expectOneLineFailure(try cli.run("append", foreignFile), status: 1, mentioning: "not registered")
        // Nothing was written by the refused appends.
        let head = try cli.run("log", "checkpoint", "--json")
        #expect(head.json["size"] as? Int == 2)
    }

    @Test func signatureCheckedAgainstAnotherPublicKey() throws {
        let cli = try CLI.withLedger()
        let statement = try cli.write("statement.json", CLI.statement(3))
        let signed = try cli.write("signed.json", try cli.run("record", "sign", statement, "--key", "studio").stdout)
        let list = try cli.run("key", "list", "--json")
        let keys = list.json["keys"] as? [[String: Any]] ?? []
        let operatorIndex = keys.first { $0["name"] as? String == "ledger" }?["registeredIndex"] as? Int ?? -1
        let shown = try cli.run("show", "#\(operatorIndex)", "--json")
        let pem =
            ((shown.json["statement"] as? [String: Any])?["predicate"] as? [String: Any])?["publicKey"] as? String ?? ""
        let pemFile = try cli.write("operator.pem", pem)
        let result = try cli.run("record", "verify", signed, "--pubkey", pemFile)
        #expect(result.status == 1)
        #expect(result.stdout.contains("INVALID"))
    }

    @Test func usageErrorsExitTwo() throws {
        let cli = try CLI.withLedger()
        #expect(try cli.run("frobnicate").status == 2)
        #expect(try cli.run("correct", "#1", "--reason", "x").status == 2)
        #expect(try cli.run("key", "new", "bad name").status == 2)
        #expect(try cli.run("key", "revoke", "studio", "--reason", "x", "--compromised-at", "yesterday").status == 2)
        #expect(try cli.run("show", "sha256:xyz").status == 2)
        #expect(try cli.run("show", "#999").status == 1)
        #expect(try cli.run("log", "consistency", "5", "2").status == 2)
        let missing = try CLI()
        Self.expectOneLineFailure(try missing.run("log", "checkpoint"), status: 1, mentioning: "no ledger")
    }

    @Test func malformedProofsAndVKeys() throws {
        let cli = try CLI.withLedger()
        let proof = try cli.write("bad.tlog-proof", "c2sp.org/tlog-proof@v1\nindex x\n\nnote")
        let vkey = try String(contentsOfFile: cli.ledger + "/log.vkey", encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines
        )
        Self.expectOneLineFailure(
            try cli.run("log", "verify-proof", proof, "--vkey", vkey),
            status: 2,
            mentioning: "index"
        )
        Self.expectOneLineFailure(
            try cli.run("log", "verify-proof", proof, "--vkey", vkey.replacingOccurrences(of: "+A", with: "+B")),
            status: 2,
            mentioning: "verifier key"
        )
    }
}
