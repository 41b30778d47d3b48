import ColophonCrypto
import ColophonLog
import Testing

/// Proofs generated from stored subtrees agree with the RFC 6962 definitions and verify.
@Suite struct MerkleTreeTests {
    /// The RFC 6962 MTH, computed naively from the leaf hashes.
    static func naiveRoot(_ leaves: ArraySlice<SHA256Digest>, hasher: MerkleHasher) -> SHA256Digest {
        if leaves.isEmpty { return RFC6962.emptyRoot }
        if leaves.count == 1 { return leaves[leaves.startIndex] }
        var k = 1
        while k * 2 < leaves.count { k *= 2 }
        let middle = leaves.startIndex + k
        return hasher.nodeHash(
            naiveRoot(leaves[..<middle], hasher: hasher),
            naiveRoot(leaves[middle...], hasher: hasher)
        )
    }

    /// Builds a tree of `count` leaves, keeping every perfect subtree the compact range reports.
    static func build(_ count: Int) -> (leaves: [SHA256Digest], nodes: [NodeID: SHA256Digest], ranges: [CompactRange]) {
        let hasher = MerkleHasher()
        var range = CompactRange()
        var nodes: [NodeID: SHA256Digest] = [:]
        var ranges = [range]
        var leaves: [SHA256Digest] = []
        for index in 0..<count {
            let leaf = hasher.leafHash(Array("entry \(index)".utf8))
            leaves.append(leaf)
            for (id, hash) in range.append(leaf, hasher: hasher) {
                nodes[id] = hash
            }
            ranges.append(range)
        }
        return (leaves, nodes, ranges)
    }

    @Test func compactRangeMatchesNaiveRoots() throws {
        let hasher = MerkleHasher()
        let (leaves, nodes, ranges) = Self.build(300)
        for size in 0...300 {
            let expected = Self.naiveRoot(leaves[0..<size], hasher: hasher)
            #expect(ranges[size].root(hasher: hasher) == expected)
            let fromNodes = hasher.fold(ProofPlan.root(size: UInt64(size)).map { nodes[$0]! })
            #expect(fromNodes == expected)
            let restored = try CompactRange(
                size: UInt64(size),
                nodes: ProofPlan.root(size: UInt64(size)).map { ($0, nodes[$0]!) }
            )
            #expect(restored == ranges[size])
        }
    }

    @Test func everyInclusionProofVerifies() throws {
        let hasher = MerkleHasher()
        let (leaves, nodes, ranges) = Self.build(70)
        for size in 1...70 {
            let root = ranges[size].root(hasher: hasher)
            for index in 0..<size {
                let proof = try ProofPlan.inclusion(index: UInt64(index), size: UInt64(size)).assemble(
                    nodes,
                    hasher: hasher
                )
                try MerkleProof.verifyInclusion(
                    leafHash: leaves[index],
                    index: UInt64(index),
                    size: UInt64(size),
                    proof: proof,
                    root: root
                )
                if index + 1 < size {
                    #expect(throws: LogError.self) {
                        try MerkleProof.verifyInclusion(
                            leafHash: leaves[index + 1],
                            index: UInt64(index),
                            size: UInt64(size),
                            proof: proof,
                            root: root
                        )
                    }
                }
            }
        }
    }

    @Test func everyConsistencyProofVerifies() throws {
        let hasher = MerkleHasher()
        let (_, nodes, ranges) = Self.build(70)
        for size2 in 1...70 {
            let root2 = ranges[size2].root(hasher: hasher)
            for size1 in 1...size2 {
                let root1 = ranges[size1].root(hasher: hasher)
                let proof = try ProofPlan.consistency(size1: UInt64(size1), size2: UInt64(size2)).assemble(
                    nodes,
                    hasher: hasher
                )
                try MerkleProof.verifyConsistency(
                    size1: UInt64(size1),
                    size2: UInt64(size2),
                    root1: root1,
                    root2: root2,
                    proof: proof
                )
                if size1 < size2 {
                    #expect(throws: LogError.self) {
                        try MerkleProof.verifyConsistency(
                            size1: UInt64(size1),
                            size2: UInt64(size2),
                            root1: root2,
                            root2: root1,
                            proof: proof
                        )
                    }
                }
            }
        }
    }

    @Test func corruptRightEdgeIsRejected() {
        #expect(throws: LogError.self) {
            try CompactRange(size: 3, nodes: [(NodeID(level: 0, index: 0), RFC6962.emptyRoot)])
        }
        #expect(throws: LogError.self) { try ProofPlan.inclusion(index: 5, size: 5) }
        #expect(throws: LogError.self) { try ProofPlan.consistency(size1: 6, size2: 5) }
    }
}
