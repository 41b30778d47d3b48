import ColophonCrypto
import ColophonLog

/// A whole log in memory, for tests: entries, every perfect subtree, every checkpoint size.
struct MemoryLog: TileSource {
    var entries: [[UInt8]] = []
    var nodes: [NodeID: SHA256Digest] = [:]
    var range = CompactRange()
    let hasher = MerkleHasher()

    mutating func append(_ entry: [UInt8]) {
        entries.append(entry)
        for (id, hash) in range.append(hasher.leafHash(entry), hasher: hasher) {
            nodes[id] = hash
        }
    }

    var root: SHA256Digest { range.root(hasher: hasher) }

    func nodeHashes(_ ids: [NodeID]) throws -> [NodeID: SHA256Digest] {
        Dictionary(uniqueKeysWithValues: ids.compactMap { id in nodes[id].map { (id, $0) } })
    }

    func entries(from start: UInt64, count: Int) throws -> [[UInt8]] {
        Array(entries[Int(start)..<(Int(start) + count)])
    }
}
