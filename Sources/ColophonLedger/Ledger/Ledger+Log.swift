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

    /// A tlog-proof file proving that a record is in the log.
    public func inclusionProof(for id: RecordID, size: UInt64? = nil) async throws -> TlogProof {
        guard let entry = try await storage({ try await store.entry(recordID: id) }) else {
            throw LedgerError(.notFound, "no record \(id) in this ledger")
        }
        let head = try await checkpoint(size: size)
        guard entry.index < head.size else {
            throw LedgerError(
                .badInput,
                "record \(id) is at index \(entry.index), after the checkpoint of size \(head.size)"
            )
        }
        let plan: ProofPlan
        do {
            plan = try ProofPlan.inclusion(index: entry.index, size: head.size)
        } catch {
            throw LedgerError(.internalError, "\(error)")
        }
        let path = try await assemble(plan)
        return TlogProof(index: entry.index, path: path, checkpointNote: head.note)
    }

    /// A consistency proof between two sizes of the log, with both sizes' roots.
    public func consistencyProof(
        from old: UInt64,
        to new: UInt64
    ) async throws -> (oldRoot: SHA256Digest, newRoot: SHA256Digest, proof: [SHA256Digest]) {
        let latest = try await latestCheckpoint()
        guard old <= new, new <= latest.size else {
            throw LedgerError(.badInput, "need 0 ≤ OLD ≤ NEW ≤ \(latest.size) (the log's size), got \(old) and \(new)")
        }
        let plan: ProofPlan
        do {
            plan = try ProofPlan.consistency(size1: old, size2: new)
        } catch {
            throw LedgerError(.badInput, "\(error)")
        }
        return (try await root(size: old), try await root(size: new), try await assemble(plan))
    }

    /// The Merkle root of the first `size` entries.
    public func root(size: UInt64) async throws -> SHA256Digest {
        let ids = ProofPlan.root(size: size)
        let hashes = try await storage { try await store.nodeHashes(ids.map { ($0.level, $0.index) }) }
        return MerkleHasher().fold(hashes)
    }

    func assemble(_ plan: ProofPlan) async throws -> [SHA256Digest] {
        let ids = plan.nodes
        let hashes = try await storage { try await store.nodeHashes(ids.map { ($0.level, $0.index) }) }
        do {
            return try plan.assemble(Dictionary(uniqueKeysWithValues: zip(ids, hashes)), hasher: MerkleHasher())
        } catch {
            throw LedgerError(.storage, "\(error)")
        }
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
