import ColophonRecords
import ColophonStorage

/// What an append needs to know about the end of the log, as this process left it after its
/// own last append.
///
/// While this process is the only writer, the next append can trust it instead of reading it
/// again under the lock (PostgresSchema's `append_state`, the costliest step of an append). It
/// is only a guess: the write that relies on it fails on the entry table's primary key if
/// anyone else appended meanwhile, writes nothing if the checkpoint it extends is gone (a
/// restore cut the log back), and the append then starts over from what the database says.
struct PostgresLogTail: Sendable {
    /// The log no longer ends at the checkpoint an append meant to extend.
    struct Moved: Error {}

    var head: TreeHead
    /// The subtrees covering `[0, head.size)`, largest first.
    var rightEdge: [StoredNode]
    /// The log time of the last entry, in milliseconds.
    var lastTime: Int64
    /// The predicate types `lastWatched` was computed for.
    var watching: Set<String>
    var lastWatched: UInt64?

    /// The tail after `fresh` entries were written at `head.size` with the given integration,
    /// or nil when the new right edge cannot be assembled from what is known.
    func advanced(
        by fresh: [PendingEntry],
        integration: Integration,
        integratedAt: Int64
    ) -> PostgresLogTail? {
        var known: [NodeKey: StoredNode] = [:]
        for node in rightEdge + integration.nodes {
            known[node.key] = node
        }
        var edge: [StoredNode] = []
        for key in TreeShape.rightEdge(size: integration.head.size) {
            guard let node = known[key] else { return nil }
            edge.append(node)
        }
        var watched = lastWatched
        for (offset, entry) in fresh.enumerated() where watching.contains(entry.predicateType) {
            watched = head.size + UInt64(offset)
        }
        return PostgresLogTail(
            head: integration.head,
            rightEdge: edge,
            lastTime: integratedAt,
            watching: watching,
            lastWatched: watched
        )
    }
}
