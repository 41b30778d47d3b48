import ColophonCrypto
import Foundation

/// Re-derives a tlog-tiles directory from its entries and checks every tile and the signed
/// checkpoint against them: what a monitor or an auditor runs on a published log.
public struct TileDirectoryVerifier {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Verifies the directory and returns its checkpoint.
    ///
    /// - Throws: ``LogError`` naming the first file that does not match.
    @discardableResult
    public func verify(verifier: NoteVerifier) throws -> Checkpoint {
        guard let noteData = FileManager.default.contents(atPath: directory + "/checkpoint") else {
            throw LogError(.malformedTile, "\(directory) has no checkpoint")
        }
        let (checkpoint, _) = try Checkpoint.open(note: String(decoding: noteData, as: UTF8.self), verifier: verifier)
        let hasher = MerkleHasher()
        let width = UInt64(TilePath.width)
        var level: [SHA256Digest] = []
        var range = CompactRange()
        var bundle: UInt64 = 0
        while bundle * width < checkpoint.size {
            let count = Int(min(width, checkpoint.size - bundle * width))
            let path = TilePath.entries(index: bundle, width: count)
            let entries = try EntryBundle.decode(try read(path))
            guard entries.count == count else {
                throw LogError(.malformedTile, "\(path) holds \(entries.count) entries, not \(count)")
            }
            for entry in entries {
                let leaf = hasher.leafHash(entry)
                level.append(leaf)
                _ = range.append(leaf, hasher: hasher)
            }
            bundle += 1
        }
        guard range.root(hasher: hasher) == checkpoint.root else {
            throw LogError(.inconsistent, "the entries do not hash to the checkpoint's root")
        }
        var tileLevel = 0
        while !level.isEmpty {
            try checkTiles(level: tileLevel, hashes: level)
            // The next tile level holds the roots of full tiles of this one.
            let fullTiles = level.count / TilePath.width
            level = (0..<fullTiles).map { tile in
                var subtree = CompactRange()
                for hash in level[(tile * TilePath.width)..<((tile + 1) * TilePath.width)] {
                    _ = subtree.append(hash, hasher: hasher)
                }
                return subtree.root(hasher: hasher)
            }
            tileLevel += 1
        }
        return checkpoint
    }

    private func checkTiles(level: Int, hashes: [SHA256Digest]) throws {
        var tile = 0
        while tile * TilePath.width < hashes.count {
            let count = min(TilePath.width, hashes.count - tile * TilePath.width)
            let path = TilePath.tile(level: level, index: UInt64(tile), width: count)
            let expected = hashes[(tile * TilePath.width)..<(tile * TilePath.width + count)].flatMap(\.bytes)
            guard try read(path) == expected else {
                throw LogError(.inconsistent, "\(path) does not match the hashes of the entries")
            }
            tile += 1
        }
    }

    private func read(_ relativePath: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: directory + "/" + relativePath) else {
            throw LogError(.malformedTile, "\(relativePath) is missing")
        }
        return Array(data)
    }
}
