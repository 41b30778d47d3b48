public import ColophonCrypto
public import ColophonRecords
public import Foundation

/// What the store hands the tree builder inside an append transaction.
public struct IntegrationInput: Sendable {
    /// The latest signed checkpoint, which the new tree must extend.
    public var previous: TreeHead
    /// The perfect subtrees covering `[0, previous.size)`, largest first.
    public var rightEdge: [StoredNode]
    /// The new entries' leaf hashes, in index order from `previous.size`.
    public var newLeafHashes: [SHA256Digest]
    /// The log time the new entries get.
    public var integratedAt: Date
    /// The index of the latest entry of a watched predicate type, if any.
    public var lastWatchedIndex: UInt64?

    public init(
        previous: TreeHead,
        rightEdge: [StoredNode],
        newLeafHashes: [SHA256Digest],
        integratedAt: Date,
        lastWatchedIndex: UInt64? = nil
    ) {
        self.previous = previous
        self.rightEdge = rightEdge
        self.newLeafHashes = newLeafHashes
        self.integratedAt = integratedAt
        self.lastWatchedIndex = lastWatchedIndex
    }
}

/// What the tree builder hands back: the subtrees the new entries completed, and the signed
/// checkpoint for the new size.
public struct Integration: Sendable {
    public var nodes: [StoredNode]
    public var head: TreeHead

    public init(nodes: [StoredNode], head: TreeHead) {
        self.nodes = nodes
        self.head = head
    }
}

/// One envelope's fate in an append.
public struct AppendOutcome: Hashable, Sendable {
    public var index: UInt64
    public var recordID: RecordID
    /// False when the record was already in the log; `index` is then its existing index.
    public var isNew: Bool

    public init(index: UInt64, recordID: RecordID, isNew: Bool) {
        self.index = index
        self.recordID = recordID
        self.isNew = isNew
    }
}
