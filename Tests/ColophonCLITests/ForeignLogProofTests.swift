import ColophonCrypto
import ColophonLog
import Foundation
import Testing

/// `log verify-proof` on a log Colophon did not write: Tessera's three-entry checkpoint, with the
/// entries given as the raw bytes that log holds.
@Suite struct ForeignLogProofTests {
    static let vkey = "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx"
    static let checkpoint = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/tessera-log/testdata/log/checkpoint.3").standardized

    /// A tlog-proof file, written out by hand: the index, the path, a blank line, the note.
    static func proofText(index: Int, path: [SHA256Digest]) throws -> String {
        let note = try String(contentsOf: checkpoint, encoding: .utf8)
        let lines = path.map { Data($0.bytes).base64EncodedString() + "\n" }.joined()
        return "c2sp.org/tlog-proof@v1\nindex \(index)\n\(lines)\n\(note)"
    }

    @Test func rawEntriesOfAnotherLogAreProven() throws {
        let cli = try CLI()
        let leaves = ["one", "two", "three"].map { RFC6962.leafHash(Array($0.utf8)) }
        // Size 3: entry 2 sits beside the hash of entries 0 and 1; entry 0 needs 1, then 2.
        let third = try cli.write(
            "third.tlog-proof",
            try Self.proofText(index: 2, path: [RFC6962.nodeHash(leaves[0], leaves[1])])
        )
        let first = try cli.write("first.tlog-proof", try Self.proofText(index: 0, path: [leaves[1], leaves[2]]))
        let three = try cli.write("three.entry", "three")
        let one = try cli.write("one.entry", "one")

        let proven = try cli.run(
            ["log", "verify-proof", third, "--vkey", Self.vkey, "--entry", three, "--json"],
            useLedger: false
        )
        #expect(proven.status == 0, "\(proven.stderr)")
        #expect(proven.json["origin"] as? String == "example.com/log/testdata")
        #expect(proven.json["size"] as? Int == 3)
        #expect(proven.json["index"] as? Int == 2)
        #expect(proven.json["entrySha256"] as? String == SHA256.hash(Array("three".utf8)).hex)
        #expect(proven.json["recordId"] == nil)
        let firstProven = try cli.run(
            ["log", "verify-proof", first, "--vkey", Self.vkey, "--entry", one],
            useLedger: false
        )
        #expect(firstProven.status == 0, "\(firstProven.stderr)")
        #expect(firstProven.stdout.contains("is entry 0 of example.com/log/testdata"))

        // Another entry's bytes, or a path for another index, are not proven.
        for (proof, entry) in [(third, one), (first, three)] {
            let refused = try cli.run(
                ["log", "verify-proof", proof, "--vkey", Self.vkey, "--entry", entry],
                useLedger: false
            )
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("NOT PROVEN"))
        }
        // An entry larger than a log entry can be, and not an envelope either: bad input.
        let huge = try cli.write("huge.entry", String(repeating: "x", count: 70_000))
        let tooLarge = try cli.run(
            ["log", "verify-proof", third, "--vkey", Self.vkey, "--entry", huge],
            useLedger: false
        )
        #expect(tooLarge.status == 2)
        #expect(tooLarge.stderr.contains("neither a DSSE envelope nor a log entry"))
    }
}
