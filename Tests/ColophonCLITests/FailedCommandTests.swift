import ColophonCrypto
import Foundation
import Testing

/// A command that fails leaves the ledger exactly as it was: no record, no blob, no custody
/// record of an export that never happened.
@Suite struct FailedCommandTests {
    /// The ledger's files, by name and SHA-256, read after a command that only reads (so SQLite
    /// has folded its write-ahead log back into the database).
    ///
    /// Every opening of the database bumps three counters in its header (GRDB creates and drops
    /// a table to make sure the write-ahead log exists): the file change counter, the schema
    /// cookie and the version-valid-for number. They are zeroed; every other byte must match.
    static func snapshot(_ cli: CLI) throws -> [String: String] {
        let settled = try cli.run("log", "checkpoint")
        #expect(settled.status == 0, "\(settled.stderr)")
        var files: [String: String] = [:]
        let root = URL(fileURLWithPath: cli.ledger)
        guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { return files }
        for case let url as URL in walk where !url.lastPathComponent.hasSuffix("-shm") {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            var bytes = Array(try Data(contentsOf: url))
            if url.lastPathComponent == "ledger.sqlite", bytes.count >= 100 {
                for range in [24..<28, 40..<44, 92..<96] { bytes.replaceSubrange(range, with: [0, 0, 0, 0]) }
            }
            files[url.path.replacingOccurrences(of: root.path, with: "")] = SHA256.hash(bytes).hex
        }
        return files
    }

    /// A safetensors file whose kohya metadata holds an integer no record can carry.
    static func loraWithOutOfRangeCount() -> [UInt8] {
        let header = #"{"__metadata__":{"ss_num_train_images":"900719925474099300","ss_output_name":"huge"}}"#
        let json = Array(header.utf8)
        var length = UInt64(json.count)
        var bytes: [UInt8] = []
        for _ in 0..<8 {
            bytes.append(UInt8(length & 0xFF))
            length >>= 8
        }
        return bytes + json
    }

    @Test func failingCommandsLeaveTheStoreAsItWas() throws {
        let cli = try CLI.withLedger()
        let statement = try cli.write("statement.json", CLI.statement(4))
        let signed = try cli.write("record.json", try cli.run("record", "sign", statement, "--key", "studio").stdout)
        #expect(try cli.run("append", signed).status == 0)
        let record = try cli.run("record", "verify", signed, "--json").json["recordId"] as? String ?? ""
        // A key that can no longer sign: its refusals come after blobs were prepared.
        #expect(try cli.run("key", "new", "former", "--role", "author").status == 0)
        #expect(try cli.run("key", "revoke", "former", "--reason", "left the studio").status == 0)
        let image = try cli.write("panel.png", bytes: try StampCLITests.fixture("synth/a1111_s1.png"))
        let evidence = try cli.write("sketch.txt", "a pencil sketch, scanned")
        let lora = try cli.write("huge.safetensors", bytes: Self.loraWithOutOfRangeCount())
        let garbage = try cli.write("pinned.checkpoint", "not a checkpoint\n")
        let envelope = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: signed)))
        var altered = envelope as? [String: Any] ?? [:]
        altered["payload"] = Data("{\"_type\": 1}".utf8).base64EncodedString()
        try JSONSerialization.data(withJSONObject: altered).write(to: URL(fileURLWithPath: cli.path("altered.json")))

        let failing: [(arguments: [String], status: Int32)] = [
            (["export", "--record", record, "--reason", "audit", "--out", cli.path("a.zip"), "--since", garbage], 2),
            (["export", "--record", record, "--reason", "audit", "--out", cli.path("missing/folder/a.zip")], 2),
            (["lora", "add", lora], 2),
            (["stamp", image, "--key", "former"], 1),
            (
                [
                    "contribute", "--category", "lettering", "--attestation", "I lettered it", "--evidence", evidence,
                    "--key", "former",
                ],
                1
            ),
            (["append", cli.path("altered.json")], 1),
            (["correct", "sha256:" + String(repeating: "ab", count: 32), "--retract", "--reason", "x"], 1),
            (["key", "new", "bad name"], 2),
            (["model", "add", cli.path("missing.safetensors")], 2),
        ]
        for (arguments, status) in failing {
            let before = try Self.snapshot(cli)
            let result = try cli.run(arguments)
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            #expect(try Self.snapshot(cli) == before, "\(arguments) changed the ledger")
        }
    }
}
