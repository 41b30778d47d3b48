import ColophonCrypto
import ColophonLedger
import ColophonLog
import ColophonRecords
import ColophonStorage
import Foundation

/// A load generator for the crash-safety tests.
///
/// `append LEDGER KEY BATCH TILES` appends batches of signed records forever, printing
/// `ack <record id>` for each one only after the append returned (it is durable), then
/// `checkpoint <size> <root>`; every fifth batch it publishes tiles. The test kills it at random.
///
/// `check LEDGER ACKS TILES` opens the ledger as it was left and checks that every
/// acknowledged record is there, that every printed checkpoint is consistent with the latest
/// one (by a consistency proof), and that the published tiles verify.
@main
enum Hammer {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            switch arguments.first {
            case "append" where arguments.count == 5:
                try await append(
                    ledger: arguments[1],
                    key: arguments[2],
                    batch: Int(arguments[3]) ?? 10,
                    tiles: arguments[4]
                )
            case "check" where arguments.count == 4:
                try await check(ledger: arguments[1], acks: arguments[2], tiles: arguments[3])
            default:
                FileHandle.standardError.write(
                    Data("usage: colophon-hammer append LEDGER KEY BATCH TILES | check LEDGER ACKS TILES\n".utf8)
                )
                exit(2)
            }
        } catch {
            FileHandle.standardError.write(Data("colophon-hammer: \(error)\n".utf8))
            exit(1)
        }
    }

    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func append(ledger path: String, key name: String, batch: Int, tiles: String) async throws {
        let ledger = try await Ledger.open(LedgerDirectory(path))
        let key = try ledger.keyring.load(name)
        var round = 0
        while true {
            round += 1
            let envelopes = try (0..<batch).map { _ in try record(key: key) }
            let results = try await ledger.append(envelopes)
            for result in results { say("ack \(result.recordID)") }
            let head = try await ledger.latestCheckpoint()
            say("checkpoint \(head.size) \(Base64.encode(head.root.bytes))")
            if round % 5 == 0 {
                let report = try await ledger.publishTiles(to: tiles)
                say("tiles \(report.size)")
            }
        }
    }

    static func record(key: SigningKey) throws -> Envelope {
        var predicate = GenerationPredicate()
        predicate.contentId = UUID().uuidString
        let subject = Subject(name: "hammer.png", sha256: SHA256.hash(try SecureRandom.bytes(32)).hex)
        return try Envelope.sign(Statement(subjects: [subject], predicate: predicate), with: key)
    }

    static func check(ledger path: String, acks: String, tiles: String) async throws {
        let ledger = try await Ledger.open(LedgerDirectory(path))
        let head = try await ledger.latestCheckpoint()
        _ = try Checkpoint.open(note: head.note, verifier: ledger.verifier)
        let lines = try String(contentsOfFile: acks, encoding: .utf8).split(separator: "\n")
        var records = 0
        var checkpoints = 0
        for line in lines {
            let fields = line.split(separator: " ")
            if fields.first == "ack", fields.count == 2, let id = RecordID(fields[1]) {
                guard try await ledger.store.entry(recordID: id) != nil else {
                    throw LedgerError(.invalid, "acknowledged record \(id) is missing")
                }
                records += 1
            } else if fields.first == "checkpoint", fields.count == 3, let size = UInt64(fields[1]),
                let rootBytes = Base64.decode(fields[2]), let root = SHA256Digest(bytes: rootBytes)
            {
                let proof = try await ledger.consistencyProof(from: size, to: head.size)
                guard proof.oldRoot == root else {
                    throw LedgerError(.invalid, "printed checkpoint \(size) has another root than the log's")
                }
                if size > 0 {
                    try MerkleProof.verifyConsistency(
                        size1: size,
                        size2: head.size,
                        root1: root,
                        root2: head.root,
                        proof: proof.proof
                    )
                }
                checkpoints += 1
            }
        }
        var tileSize: UInt64 = 0
        if FileManager.default.fileExists(atPath: tiles + "/checkpoint") {
            tileSize = try TileDirectoryVerifier(directory: tiles).verify(verifier: ledger.verifier).size
        }
        say("ok size \(head.size) records \(records) checkpoints \(checkpoints) tiles \(tileSize)")
    }
}
