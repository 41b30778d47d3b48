import ColophonCrypto
import ColophonLog
import ColophonStorage
import Foundation

/// Extends the log's Merkle tree inside an append transaction and signs the new checkpoint.
///
/// Before extending, it rebuilds the root from the stored right edge and requires it to be the
/// root of the latest signed checkpoint: a store that disagrees with what was signed is never
/// extended, so no checkpoint inconsistent with an earlier one can be signed.
struct TreeIntegrator: Sendable {
    let signer: NoteSigner

    func integrate(_ input: IntegrationInput) throws -> Integration {
        let hasher = MerkleHasher()
        var range = try CompactRange(
            size: input.previous.size,
            nodes: input.rightEdge.map { (NodeID(level: $0.level, index: $0.index), $0.hash) }
        )
        guard range.root(hasher: hasher) == input.previous.root else {
            throw StorageError(
                .corrupt,
                "the stored tree does not match the last signed checkpoint; refusing to extend it"
            )
        }
        var nodes: [StoredNode] = []
        nodes.reserveCapacity(input.newLeafHashes.count * 2)
        for leafHash in input.newLeafHashes {
            for (id, hash) in range.append(leafHash, hasher: hasher) {
                nodes.append(StoredNode(level: id.level, index: id.index, hash: hash))
            }
        }
        let root = range.root(hasher: hasher)
        let note = try Checkpoint(origin: signer.verifier.name, size: range.size, root: root).signedNote(by: signer)
        return Integration(
            nodes: nodes,
            head: TreeHead(size: range.size, root: root, note: note.serialized, signedAt: input.integratedAt)
        )
    }

    /// The checkpoint of the empty log.
    func emptyHead(at date: Date) throws -> TreeHead {
        let note = try Checkpoint(origin: signer.verifier.name, size: 0, root: RFC6962.emptyRoot).signedNote(by: signer)
        return TreeHead(size: 0, root: RFC6962.emptyRoot, note: note.serialized, signedAt: date)
    }
}
