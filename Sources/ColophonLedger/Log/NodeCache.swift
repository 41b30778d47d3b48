import ColophonCrypto
import ColophonLog
import Synchronization

/// Subtree hashes kept in memory once read. A perfect subtree's hash never changes once it
/// exists, so entries are never stale; only the upper levels are kept (a few per thousand
/// entries), because every proof passes through them while the lowest levels are spread thin.
final class NodeCache: Sendable {
    /// Subtrees of at least 2^minimumLevel entries are cached.
    static let minimumLevel = 6
    /// A bound on memory: about 32 bytes per 64 entries of the log, up to this many nodes.
    static let capacity = 1 << 20

    private let storage = Mutex<[NodeID: SHA256Digest]>([:])

    /// The cached hashes among `ids`, and the ids still to read.
    func lookup(_ ids: [NodeID]) -> (found: [NodeID: SHA256Digest], missing: [NodeID]) {
        storage.withLock { cache in
            var found: [NodeID: SHA256Digest] = [:]
            var missing: [NodeID] = []
            for id in ids {
                if let hash = cache[id] { found[id] = hash } else { missing.append(id) }
            }
            return (found, missing)
        }
    }

    /// Remembers hashes read from the store.
    func remember(_ ids: [NodeID], _ hashes: [SHA256Digest]) {
        storage.withLock { cache in
            guard cache.count < Self.capacity else { return }
            for (id, hash) in zip(ids, hashes) where id.level >= Self.minimumLevel {
                cache[id] = hash
            }
        }
    }
}
