/// The position of a perfect subtree of the log: its height `level` and its `index` among
/// subtrees of that height.
public struct NodeKey: Hashable, Sendable {
    public var level: Int
    public var index: UInt64

    public init(level: Int, index: UInt64) {
        self.level = level
        self.index = index
    }

    /// The key the node is stored under: level in the top byte, index below.
    package var packed: Int64 {
        Int64(level) << 56 | Int64(index)
    }
}
