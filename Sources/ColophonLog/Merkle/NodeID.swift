/// A perfect subtree of the log: `level` is its height (0 for a leaf) and `index` its position
/// among subtrees of that height, so it covers entries `[index·2^level, (index+1)·2^level)`.
public struct NodeID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var level: Int
    public var index: UInt64

    public init(level: Int, index: UInt64) {
        self.level = level
        self.index = index
    }

    /// The first entry the subtree covers.
    public var start: UInt64 { index << UInt64(level) }

    /// One past the last entry the subtree covers.
    public var end: UInt64 { (index + 1) << UInt64(level) }

    public var description: String { "\(level)/\(index)" }

    public static func < (lhs: NodeID, rhs: NodeID) -> Bool {
        (lhs.level, lhs.index) < (rhs.level, rhs.index)
    }

    /// The perfect subtrees that make up entries `[start, end)`, largest first, assuming (as
    /// holds for every range RFC 6962 proofs use) that `start` is aligned to each piece.
    public static func decompose(start: UInt64, end: UInt64) -> [NodeID] {
        var nodes: [NodeID] = []
        var cursor = start
        while cursor < end {
            let remaining = end - cursor
            var level = 63 - remaining.leadingZeroBitCount
            // Shrink until the piece is aligned at the cursor.
            while level > 0 && cursor % (UInt64(1) << UInt64(level)) != 0 {
                level -= 1
            }
            nodes.append(NodeID(level: level, index: cursor >> UInt64(level)))
            cursor += UInt64(1) << UInt64(level)
        }
        return nodes
    }
}
