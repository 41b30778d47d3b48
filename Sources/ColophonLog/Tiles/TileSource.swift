public import ColophonCrypto

/// Where a tile writer reads the log from: stored subtree hashes and entries.
public protocol TileSource {
    /// The hashes of the given perfect subtrees; every one must be present.
    func nodeHashes(_ ids: [NodeID]) async throws -> [NodeID: SHA256Digest]
    /// `count` consecutive entries starting at `start`.
    func entries(from start: UInt64, count: Int) async throws -> [[UInt8]]
}
