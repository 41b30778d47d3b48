import ColophonCrypto

/// Subtree proofs (draft-ietf-plants-merkle-tree-certs): inclusion of a leaf in a subtree
/// `[start, end)`, and consistency of such a subtree with a whole tree. A witness or a mirror
/// can vouch for a slice of the log with them.
extension MerkleProof {
    /// Whether `[start, end)` is a subtree: `start` is a multiple of the smallest power of two
    /// at least `end - start`. The empty range `[x, x)` is valid.
    public static func isValidSubtree(start: UInt64, end: UInt64) -> Bool {
        guard start <= end else { return false }
        let width = end - start
        guard width > 1 else { return true }
        guard width <= 1 << 63 else { return start == 0 }
        let ceiling: UInt64 = 1 << (64 - (width - 1).leadingZeroBitCount)
        return start % ceiling == 0
    }

    /// Checks that the leaf at `index` is in the subtree `[start, end)` whose hash is `root`.
    public static func verifySubtreeInclusion(
        leafHash: [UInt8],
        index: UInt64,
        start: UInt64,
        end: UInt64,
        proof: [[UInt8]],
        root: [UInt8]
    ) throws(LogError) {
        guard isValidSubtree(start: start, end: end) else {
            throw LogError(.invalidProof, "[\(start), \(end)) is not a subtree")
        }
        guard index >= start, index < end else {
            throw LogError(.invalidProof, "leaf \(index) is outside the subtree [\(start), \(end))")
        }
        guard let leaf = SHA256Digest(bytes: leafHash) else {
            throw LogError(.invalidProof, "the leaf hash is not 32 bytes")
        }
        let hashes = try digests(proof)
        let computed = try rootFromInclusion(leafHash: leaf, index: index - start, size: end - start, proof: hashes)
        guard computed.bytes == root else {
            throw LogError(.invalidProof, "the subtree inclusion proof leads to a different subtree hash")
        }
    }

    /// Checks that the subtree `[start, end)` with hash `subtreeHash` is part of the tree of
    /// `size` leaves with root `root`.
    public static func verifySubtreeConsistency(
        start: UInt64,
        end: UInt64,
        size: UInt64,
        subtreeHash: [UInt8],
        root: [UInt8],
        proof: [[UInt8]]
    ) throws(LogError) {
        guard isValidSubtree(start: start, end: end), end <= size else {
            throw LogError(.invalidProof, "[\(start), \(end)) is not a subtree of a tree of size \(size)")
        }
        if start == end {
            guard proof.isEmpty, subtreeHash == RFC6962.emptyRoot.bytes else {
                throw LogError(.invalidProof, "an empty subtree has an empty proof and the empty hash")
            }
            return
        }
        if start == 0 && end == size {
            guard proof.isEmpty, subtreeHash == root else {
                throw LogError(.invalidProof, "a subtree that is the whole tree has an empty proof and the tree's root")
            }
            return
        }
        var path = try digests(proof)[...]
        let hasher = MerkleHasher()
        var fn = start
        var sn = end - 1
        var tn = size - 1
        func shift() {
            fn >>= 1
            sn >>= 1
            tn >>= 1
        }
        if sn == tn {
            while fn != sn { shift() }
        } else {
            while fn != sn && sn & 1 == 1 { shift() }
        }
        var fr: SHA256Digest
        if fn == sn {
            guard let hash = SHA256Digest(bytes: subtreeHash) else {
                throw LogError(.invalidProof, "the subtree hash is not 32 bytes")
            }
            fr = hash
        } else {
            guard let first = path.popFirst() else {
                throw LogError(.invalidProof, "the subtree consistency proof is empty")
            }
            fr = first
        }
        var sr = fr
        for element in path {
            guard tn != 0 else {
                throw LogError(.invalidProof, "the subtree consistency proof is too long")
            }
            if sn & 1 == 1 || sn == tn {
                if fn < sn { fr = hasher.nodeHash(element, fr) }
                sr = hasher.nodeHash(element, sr)
                while sn & 1 == 0 && sn != 0 { shift() }
            } else {
                sr = hasher.nodeHash(sr, element)
            }
            shift()
        }
        guard tn == 0 else {
            throw LogError(.invalidProof, "the subtree consistency proof is too short")
        }
        guard fr.bytes == subtreeHash, sr.bytes == root else {
            throw LogError(.invalidProof, "the subtree consistency proof does not lead to both hashes")
        }
    }

    private static func digests(_ proof: [[UInt8]]) throws(LogError) -> [SHA256Digest] {
        var out: [SHA256Digest] = []
        for element in proof {
            guard let digest = SHA256Digest(bytes: element) else {
                throw LogError(.invalidProof, "a proof element is not a 32-byte hash")
            }
            out.append(digest)
        }
        return out
    }
}
