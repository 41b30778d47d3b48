public import ColophonCrypto

/// The hash of a perfect subtree of the log: `level` is its height, `index` its position
/// among subtrees of that height.
public struct StoredNode: Hashable, Sendable {
    public var level: Int
    public var index: UInt64
    public var hash: SHA256Digest

    public init(level: Int, index: UInt64, hash: SHA256Digest) {
        self.level = level
        self.index = index
        self.hash = hash
    }

    /// Where the node is in the tree.
    public var key: NodeKey {
        NodeKey(level: level, index: index)
    }
}
