public import ColophonCrypto
public import ColophonLog
public import ColophonRecords
public import ColophonStorage
import Foundation

extension Ledger {
    /// The latest signed checkpoint.
    public func latestCheckpoint() async throws -> TreeHead {
        try await storage { try await store.latestHead() }
    }

    /// The checkpoint to prove against: of `size` if given (it must have been signed), else the latest.
    public func checkpoint(size: UInt64?) async throws -> TreeHead {
        guard let size else { return try await latestCheckpoint() }
        guard let head = try await storage({ try await store.head(size: size) }) else {
            throw LedgerError(.notFound, "the log never signed a checkpoint of size \(size)")
        }
        return head
    }

    /// A tlog-proof file proving that a record is in the log, against the checkpoint of
    /// `size` (it must have been signed) or the latest one.
    public func inclusionProof(for id: RecordID, size: UInt64? = nil) async throws -> TlogProof {
        let cache = nodeCache
        let snapshot = try await storage {
            try await store.snapshot(size: size, record: id) { treeSize, index in
                guard let index else { return [] }
                guard index < treeSize else {
                    throw LedgerError(
                        .badInput,
                        "record \(id) is at index \(index), after the checkpoint of size \(treeSize)"
                    )
                }
                let plan = try ProofPlan.inclusion(index: index, size: treeSize)
                return cache.lookup(plan.nodes).missing.map { NodeKey(level: $0.level, index: $0.index) }
            }
        }
        guard let (head, index, fetched) = snapshot, let index else {
            if let size, try await storage({ try await store.head(size: size) }) == nil {
                throw LedgerError(.notFound, "the log never signed a checkpoint of size \(size)")
            }
            throw LedgerError(.notFound, "no record \(id) in this ledger")
        }
        let plan = try ProofPlan.inclusion(index: index, size: head.size)
        let hashes = try resolve(plan.nodes, fetched: fetched)
        let path = try assemble(plan, hashes: hashes)
        return TlogProof(index: index, path: path, checkpointNote: head.note)
    }

    /// A consistency proof between two sizes of the log, with both sizes' roots.
    public func consistencyProof(
        from old: UInt64,
        to new: UInt64
    ) async throws -> (oldRoot: SHA256Digest, newRoot: SHA256Digest, proof: [SHA256Digest]) {
        guard old <= new else {
            throw LedgerError(.badInput, "the older size \(old) is larger than the newer size \(new)")
        }
        let plan = try ProofPlan.consistency(size1: old, size2: new)
        let oldNodes = ProofPlan.root(size: old)
        let newNodes = ProofPlan.root(size: new)
        let cache = nodeCache
        let snapshot = try await storage {
            try await store.snapshot(size: nil, record: nil) { latest, _ in
                guard new <= latest else {
                    throw LedgerError(.badInput, "need OLD ≤ NEW ≤ \(latest) (the log's size), got \(old) and \(new)")
                }
                return cache.lookup(oldNodes + newNodes + plan.nodes).missing.map {
                    NodeKey(level: $0.level, index: $0.index)
                }
            }
        }
        guard let (_, _, fetched) = snapshot else {
            throw LedgerError(.storage, "the ledger has no checkpoint")
        }
        let hasher = MerkleHasher()
        let oldRoot = hasher.fold(try resolve(oldNodes, fetched: fetched))
        let newRoot = hasher.fold(try resolve(newNodes, fetched: fetched))
        let proof = try assemble(plan, hashes: try resolve(plan.nodes, fetched: fetched))
        return (oldRoot, newRoot, proof)
    }

    /// The hashes of `ids`, from what was just read or, failing that, the cache (which only
    /// grows, so whatever was not read was cached), remembering what was read.
    func resolve(_ ids: [NodeID], fetched: [StoredNode]) throws -> [SHA256Digest] {
        let read = Dictionary(
            fetched.map { (NodeID(level: $0.level, index: $0.index), $0.hash) },
            uniquingKeysWith: { first, _ in first }
        )
        nodeCache.remember(Array(read.keys), Array(read.values))
        let cached = nodeCache.lookup(ids.filter { read[$0] == nil }).found
        return try ids.map { id in
            guard let hash = read[id] ?? cached[id] else {
                throw LedgerError(.internalError, "subtree \(id) was neither read nor cached")
            }
            return hash
        }
    }

    /// Builds a proof from hashes in the order of `plan.nodes`.
    func assemble(_ plan: ProofPlan, hashes: [SHA256Digest]) throws -> [SHA256Digest] {
        do {
            return try plan.assemble(ordered: hashes, hasher: MerkleHasher())
        } catch {
            throw LedgerError(.storage, "\(error)")
        }
    }

    /// The Merkle root of the first `size` entries.
    public func root(size: UInt64) async throws -> SHA256Digest {
        let ids = ProofPlan.root(size: size)
        let hashes = try await storage {
            try await store.nodeHashes(ids.map { NodeKey(level: $0.level, index: $0.index) })
        }
        return MerkleHasher().fold(hashes)
    }

    /// Publishes the log as a tlog-tiles directory, writing only what changed since the
    /// directory's current checkpoint.
    public func publishTiles(to directory: String) async throws -> TileWriter.Report {
        let head = try await latestCheckpoint()
        let sizes = try await storage { try await store.headSizes() }
        let writer = TileWriter(directory: directory)
        if let published = try? String(contentsOfFile: directory + "/checkpoint", encoding: .utf8) {
            // Never publish over a different log, or roll a directory back.
            let opened: Checkpoint
            do {
                opened = try Checkpoint.open(note: published, verifier: verifier).checkpoint
            } catch {
                throw LedgerError(.badInput, "\(directory) holds a checkpoint of another log: \(error)")
            }
            guard opened.size <= head.size, try await root(size: opened.size) == opened.root else {
                throw LedgerError(.invalid, "\(directory) holds a checkpoint that is not a prefix of this log")
            }
        }
        do {
            return try await writer.publish(
                source: StoreTileSource(store: store),
                size: head.size,
                checkpointNote: head.note,
                checkpointSizes: sizes
            )
        } catch let error as LogError {
            throw LedgerError(.storage, "cannot publish tiles to \(directory): \(error)")
        }
    }
}
