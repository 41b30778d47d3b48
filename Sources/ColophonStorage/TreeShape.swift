/// The perfect subtrees covering `[0, size)` of an RFC 6962 tree, largest first: one per set
/// bit of `size`. The store needs this to hand the tree builder its right edge.
package enum TreeShape {
    package static func rightEdge(size: UInt64) -> [NodeKey] {
        var out: [NodeKey] = []
        var covered: UInt64 = 0
        for level in stride(from: 63, through: 0, by: -1) where size & (1 << UInt64(level)) != 0 {
            out.append(NodeKey(level: level, index: covered >> UInt64(level)))
            covered += 1 << UInt64(level)
        }
        return out
    }
}
