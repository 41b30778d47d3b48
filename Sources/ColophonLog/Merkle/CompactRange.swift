public import ColophonCrypto

/// The right edge of a Merkle tree: the perfect subtrees that cover `[0, size)`, one per set bit
/// of `size`. Appending touches only this edge, so the past is never rehashed, and every perfect
/// subtree completed along the way is reported so it can be stored for proofs.
public struct CompactRange: Hashable, Sendable {
    /// The number of leaves covered.
    public private(set) var size: UInt64
    /// The covering subtrees, largest (leftmost) first.
    public private(set) var nodes: [(id: NodeID, hash: SHA256Digest)]

    /// The empty tree.
    public init() {
        size = 0
        nodes = []
    }

    /// A range for `size` leaves from its covering subtrees (as ``NodeID/decompose(start:end:)``
    /// lists them for `[0, size)`).
    ///
    /// - Throws: ``LogError`` if the nodes are not exactly that decomposition.
    public init(size: UInt64, nodes: [(id: NodeID, hash: SHA256Digest)]) throws(LogError) {
        guard nodes.map(\.id) == NodeID.decompose(start: 0, end: size) else {
            throw LogError(.inconsistent, "the stored right edge does not match a tree of size \(size)")
        }
        self.size = size
        self.nodes = nodes
    }

    /// Appends one leaf hash and returns every perfect subtree it completed, the leaf first.
    public mutating func append(_ leafHash: SHA256Digest, hasher: MerkleHasher) -> [(id: NodeID, hash: SHA256Digest)] {
        var created: [(id: NodeID, hash: SHA256Digest)] = [(NodeID(level: 0, index: size), leafHash)]
        var current = created[0]
        while let last = nodes.last, last.id.level == current.id.level {
            nodes.removeLast()
            current = (
                NodeID(level: current.id.level + 1, index: last.id.index >> 1), hasher.nodeHash(last.hash, current.hash)
            )
            created.append(current)
        }
        nodes.append(current)
        size += 1
        return created
    }

    /// The Merkle tree hash of `[0, size)`.
    public func root(hasher: MerkleHasher) -> SHA256Digest {
        hasher.fold(nodes.map(\.hash))
    }

    public static func == (lhs: CompactRange, rhs: CompactRange) -> Bool {
        lhs.size == rhs.size && lhs.nodes.map(\.id) == rhs.nodes.map(\.id)
            && lhs.nodes.map(\.hash) == rhs.nodes.map(\.hash)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(size)
        for node in nodes {
            hasher.combine(node.id)
            hasher.combine(node.hash)
        }
    }
}
