import ColophonCrypto
import ColophonLog
import ColophonRecords
import Foundation
import Testing

/// The 15-entry log Tessera wrote: given its key and entries, Colophon reproduces every
/// checkpoint and the tiles directory byte for byte.
@Suite struct TesseraLogTests {
    static let privateKey = "PRIVATE+KEY+example.com/log/testdata+33d7b496+AeymY/SZAX0jZcJ8enZ5FY1Dz+wTML2yWSkK+9DSF3eg"
    static let vkey = "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx"
    static let entries = "one two three four five six seven eit nain ten ileven twelf threeten fourten fivten".split(
        separator: " "
    )
    static let directory = LogVectors.url("tessera-log/testdata/log")

    static func read(_ relative: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(relative))
    }

    @Test func reproducesEveryCheckpoint() throws {
        let signer = try NoteSigner(privateKeyText: Self.privateKey)
        #expect(signer.verifier.vkey == Self.vkey)
        var log = MemoryLog()
        for size in 0...Self.entries.count {
            if size > 0 { log.append(Array(Self.entries[size - 1].utf8)) }
            let note = try Checkpoint(origin: "example.com/log/testdata", size: UInt64(size), root: log.root)
                .signedNote(by: signer)
            let expected = String(decoding: try Self.read("checkpoint.\(size)"), as: UTF8.self)
            #expect(note.serialized == expected, "checkpoint.\(size)")
            let opened = try Checkpoint.open(note: expected, verifier: signer.verifier)
            #expect(opened.checkpoint.size == UInt64(size))
        }
    }

    @Test func reproducesTheTilesDirectory() async throws {
        let signer = try NoteSigner(privateKeyText: Self.privateKey)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("colophon-tiles-\(UUID())")
        defer { try? FileManager.default.removeItem(at: output) }
        let writer = TileWriter(directory: output.path)
        var log = MemoryLog()
        var sizes: [UInt64] = []
        for entry in Self.entries {
            log.append(Array(entry.utf8))
            sizes.append(UInt64(log.entries.count))
            let note = try Checkpoint(
                origin: "example.com/log/testdata",
                size: UInt64(log.entries.count),
                root: log.root
            )
            .signedNote(by: signer)
            let report = try await writer.publish(
                source: log,
                size: UInt64(log.entries.count),
                checkpointNote: note.serialized,
                checkpointSizes: sizes
            )
            #expect(report.filesWritten == 3)  // one hash tile, one entry bundle, the checkpoint
        }
        let theirs = try Self.files(under: Self.directory).filter { $0.hasPrefix("tile/") || $0 == "checkpoint" }
        let ours = try Self.files(under: output)
        #expect(ours == theirs)
        for file in theirs {
            #expect(try Data(contentsOf: output.appendingPathComponent(file)) == Self.read(file), "\(file)")
        }
        let checkpoint = try TileDirectoryVerifier(directory: output.path).verify(verifier: signer.verifier)
        #expect(checkpoint.size == 15)
        try TileDirectoryVerifier(directory: Self.directory.path).verify(verifier: signer.verifier)
        // Publishing again writes nothing new but the checkpoint.
        let note = try String(decoding: Self.read("checkpoint"), as: UTF8.self)
        #expect(
            try await writer.publish(source: log, size: 15, checkpointNote: note, checkpointSizes: sizes).filesWritten
                == 1
        )
    }

    @Test func derivedProofsMatchTheSpec() throws {
        var log = MemoryLog()
        for entry in Self.entries { log.append(Array(entry.utf8)) }
        let proof = try ProofPlan.inclusion(index: 3, size: 15).assemble(log.nodes, hasher: MerkleHasher())
        #expect(
            proof.map { Base64.encode($0.bytes) } == [
                "Zx8UbF5HHooag6PCFM5LqQe486WIjRTMjNPOdbsS75Q=", "T1X2GdkhUjV3iyufF9b0kVsWFxIU0VI4EpNml2Teci4=",
                "g0ZoeYWtIV8Q8i+4CmgqPnBvH2il107lyCgTQsyB7H4=", "5jLpqTgjsBDSEX6SgZiRnbTMdTuRd8bQ5tSsAOxe0Ks=",
            ]
        )
        let consistency = try ProofPlan.consistency(size1: 7, size2: 15).assemble(log.nodes, hasher: MerkleHasher())
        #expect(
            consistency.map { Base64.encode($0.bytes) } == [
                "2Q0P5jSR+TdkwdXWyx+GbBWX0KZbNZkWzCjyTPSozsw=", "ThcgoV2DYcK+VCxBUDWAlNxmLy2r7dq7dK7+OlgQKWs=",
                "ycRkkNklus5eMVRUvkD1pK321vMrA+jjOiZKU8aOcY4=", "zY1lN35vrXYAPixXSd59LsU29xUJtuW4o2dNNg5Y2Co=",
                "5jLpqTgjsBDSEX6SgZiRnbTMdTuRd8bQ5tSsAOxe0Ks=",
            ]
        )
    }

    @Test func damagedTilesAreCaught() throws {
        let signer = try NoteSigner(privateKeyText: Self.privateKey)
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("colophon-tiles-\(UUID())")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: Self.directory, to: copy)
        let tile = copy.appendingPathComponent("tile/0/000.p/15")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: tile.path)
        var bytes = try Data(contentsOf: tile)
        bytes[100] ^= 1
        try bytes.write(to: tile)
        #expect(throws: LogError.self) {
            try TileDirectoryVerifier(directory: copy.path).verify(verifier: signer.verifier)
        }
    }

    static func files(under root: URL) throws -> [String] {
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        var out: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            out.append(String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)))
        }
        return out.sorted()
    }
}
