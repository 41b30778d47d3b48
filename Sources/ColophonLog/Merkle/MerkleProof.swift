public import ColophonCrypto

/// Verification of RFC 6962 inclusion and consistency proofs, by the algorithms of
/// RFC 9162 §2.1.3.2 and §2.1.4.2, with the caller-side edge cases transparency-dev/merkle's
/// corpus tests (empty proofs, size 0, equal sizes).
public enum MerkleProof {
    /// The root that `proof` implies for the leaf at `index` in a tree of `size` leaves.
    ///
    /// - Throws: ``LogError`` `.invalidProof` if the index is out of range or the proof has the
    ///   wrong length.
    public static func rootFromInclusion(
        leafHash: SHA256Digest,
        index: UInt64,
        size: UInt64,
        proof: [SHA256Digest]
    ) throws(LogError) -> SHA256Digest {
        guard index < size else {
            throw LogError(.invalidProof, "leaf index \(index) is outside a tree of size \(size)")
        }
        let hasher = MerkleHasher()
        var fn = index
        var sn = size - 1
        var result = leafHash
        for element in proof {
            guard sn != 0 else {
                throw LogError(.invalidProof, "the inclusion proof is longer than a tree of size \(size) allows")
            }
            if fn & 1 == 1 || fn == sn {
                result = hasher.nodeHash(element, result)
                skipLevelsWithoutSibling(&fn, &sn)
            } else {
                result = hasher.nodeHash(result, element)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else {
            throw LogError(.invalidProof, "the inclusion proof is shorter than a tree of size \(size) needs")
        }
        return result
    }

    /// Checks that the leaf at `index` is in the tree of `size` leaves with root `root`.
    public static func verifyInclusion(
        leafHash: SHA256Digest,
        index: UInt64,
        size: UInt64,
        proof: [SHA256Digest],
        root: SHA256Digest
    ) throws(LogError) {
        let computed = try rootFromInclusion(leafHash: leafHash, index: index, size: size, proof: proof)
        guard computed == root else {
            throw LogError(.invalidProof, "the inclusion proof leads to a different root than the checkpoint's")
        }
    }

    /// Checks that the tree of `size2` leaves with root `root2` extends the tree of `size1`
    /// leaves with root `root1`.
    public static func verifyConsistency(
        size1: UInt64,
        size2: UInt64,
        root1: SHA256Digest,
        root2: SHA256Digest,
        proof: [SHA256Digest]
    ) throws(LogError) {
        try verifyConsistency(
            size1: size1,
            size2: size2,
            root1: root1.bytes,
            root2: root2.bytes,
            proof: proof.map(\.bytes)
        )
    }

    /// The same check over raw bytes, as they arrive from a witness request or a proof file.
    ///
    /// The size rules come first and need no hashing: equal sizes are consistent exactly when
    /// the proof is empty and the roots are the same bytes.
    public static func verifyConsistency(
        size1: UInt64,
        size2: UInt64,
        root1: [UInt8],
        root2: [UInt8],
        proof: [[UInt8]]
    ) throws(LogError) {
        guard size1 <= size2 else {
            throw LogError(.invalidProof, "the older tree (\(size1)) is larger than the newer one (\(size2))")
        }
        guard size1 > 0 else {
            throw LogError(.invalidProof, "consistency with the empty tree proves nothing")
        }
        if size1 == size2 {
            guard proof.isEmpty else {
                throw LogError(.invalidProof, "trees of equal size need an empty consistency proof")
            }
            guard root1 == root2 else {
                throw LogError(.inconsistent, "two different roots for the same tree size \(size1)")
            }
            return
        }
        guard let first = SHA256Digest(bytes: root1), let second = SHA256Digest(bytes: root2) else {
            throw LogError(.invalidProof, "a root is not a 32-byte hash")
        }
        var hashes: [SHA256Digest] = []
        for element in proof {
            guard let hash = SHA256Digest(bytes: element) else {
                throw LogError(.invalidProof, "a consistency proof element is not a 32-byte hash")
            }
            hashes.append(hash)
        }
        try chainConsistency(size1: size1, size2: size2, root1: first, root2: second, proof: hashes)
    }

    /// RFC 9162 §2.1.4.2 steps 1–7, for sizes 0 < size1 < size2.
    private static func chainConsistency(
        size1: UInt64,
        size2: UInt64,
        root1: SHA256Digest,
        root2: SHA256Digest,
        proof: [SHA256Digest]
    ) throws(LogError) {
        guard !proof.isEmpty else {
            throw LogError(.invalidProof, "the consistency proof is empty")
        }
        var path = proof
        if size1.nonzeroBitCount == 1 {
            path.insert(root1, at: 0)
        }
        let hasher = MerkleHasher()
        var fn = size1 - 1
        var sn = size2 - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0]
        var sr = path[0]
        for element in path.dropFirst() {
            guard sn != 0 else {
                throw LogError(.invalidProof, "the consistency proof is longer than the sizes allow")
            }
            if fn & 1 == 1 || fn == sn {
                fr = hasher.nodeHash(element, fr)
                sr = hasher.nodeHash(element, sr)
                skipLevelsWithoutSibling(&fn, &sn)
            } else {
                sr = hasher.nodeHash(sr, element)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else {
            throw LogError(.invalidProof, "the consistency proof is shorter than the sizes need")
        }
        guard fr == root1 else {
            throw LogError(.invalidProof, "the consistency proof does not lead to the older root")
        }
        guard sr == root2 else {
            throw LogError(.invalidProof, "the consistency proof does not lead to the newer root")
        }
    }

    /// On the right edge of a tree a node may have no sibling at some levels; the proof then
    /// has no element for them, and both positions move up until one is a right child again.
    private static func skipLevelsWithoutSibling(_ fn: inout UInt64, _ sn: inout UInt64) {
        while fn & 1 == 0 && fn != 0 {
            fn >>= 1
            sn >>= 1
        }
    }
}
