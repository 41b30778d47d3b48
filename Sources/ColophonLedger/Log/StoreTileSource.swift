import ColophonCrypto
import ColophonLog
import ColophonStorage

/// Reads tiles' contents from a ledger store.
struct StoreTileSource: TileSource {
    let store: any LedgerStore

    func nodeHashes(_ ids: [NodeID]) async throws -> [NodeID: SHA256Digest] {
        let hashes = try await store.nodeHashes(ids.map { NodeKey(level: $0.level, index: $0.index) })
        return Dictionary(uniqueKeysWithValues: zip(ids, hashes))
    }

    func entries(from start: UInt64, count: Int) async throws -> [[UInt8]] {
        let entries = try await store.entries(from: start, count: count)
        guard entries.count == count else {
            throw StorageError(.corrupt, "entries \(start)..<\(start + UInt64(count)) are not all stored")
        }
        return entries.map(\.body)
    }
}
