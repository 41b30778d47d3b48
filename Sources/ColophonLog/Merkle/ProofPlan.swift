public import ColophonCrypto

/// Which stored subtree hashes a proof needs, worked out before reading any of them, so a
/// store can fetch them all in one query.
///
/// Each proof element is the hash of a range of leaves; a range that is not itself a perfect
/// subtree is listed as the perfect subtrees that make it up.
public struct ProofPlan: Hashable, Sendable {
    /// The proof elements, in proof order, each as its covering subtrees (largest first).
    public let elements: [[NodeID]]

    /// Every distinct subtree the plan reads, in order.
    public let nodes: [NodeID]

    init(elements: [[NodeID]]) {
        self.elements = elements
        // The elements cover disjoint ranges, so their subtrees are already distinct.
        nodes = Array(elements.joined())
    }

    /// The RFC 6962 §2.1.1 audit path of leaf `index` in a tree of `size` leaves.
    public static func inclusion(index: UInt64, size: UInt64) throws(LogError) -> ProofPlan {
        guard index < size else {
            throw LogError(.invalidProof, "leaf index \(index) is outside a tree of size \(size)")
        }
        var ranges: [(UInt64, UInt64)] = []
        var low: UInt64 = 0
        var high = size
        while high - low > 1 {
            let k = RFC6962.split(high - low)
            if index < low + k {
                ranges.append((low + k, high))
                high = low + k
            } else {
                ranges.append((low, low + k))
                low += k
            }
        }
        return ProofPlan(elements: ranges.reversed().map { NodeID.decompose(start: $0.0, end: $0.1) })
    }

    /// The RFC 6962 §2.1.2 consistency proof from `size1` to `size2` leaves.
    public static func consistency(size1: UInt64, size2: UInt64) throws(LogError) -> ProofPlan {
        guard size1 <= size2 else {
            throw LogError(.invalidProof, "the older size \(size1) is larger than the newer size \(size2)")
        }
        guard size1 > 0, size1 < size2 else { return ProofPlan(elements: []) }
        var ranges: [(UInt64, UInt64)] = []
        var m = size1
        var low: UInt64 = 0
        var high = size2
        var complete = true
        while true {
            let n = high - low
            if m == n {
                if !complete { ranges.append((low, high)) }
                break
            }
            let k = RFC6962.split(n)
            if m <= k {
                ranges.append((low + k, high))
                high = low + k
            } else {
                ranges.append((low, low + k))
                m -= k
                low += k
                complete = false
            }
        }
        return ProofPlan(elements: ranges.reversed().map { NodeID.decompose(start: $0.0, end: $0.1) })
    }

    /// The subtrees whose fold is the root of a tree of `size` leaves.
    public static func root(size: UInt64) -> [NodeID] {
        NodeID.decompose(start: 0, end: size)
    }

    /// Builds the proof from the fetched subtree hashes.
    ///
    /// - Throws: ``LogError`` `.inconsistent` if a needed hash is missing.
    public func assemble(_ hashes: [NodeID: SHA256Digest], hasher: MerkleHasher) throws(LogError) -> [SHA256Digest] {
        var proof: [SHA256Digest] = []
        for element in elements {
            var parts: [SHA256Digest] = []
            for id in element {
                guard let hash = hashes[id] else {
                    throw LogError(.inconsistent, "the store has no hash for subtree \(id)")
                }
                parts.append(hash)
            }
            proof.append(hasher.fold(parts))
        }
        return proof
    }

    /// Builds the proof from hashes given in the order of ``nodes``.
    public func assemble(ordered hashes: [SHA256Digest], hasher: MerkleHasher) throws(LogError) -> [SHA256Digest] {
        guard hashes.count == nodes.count else {
            throw LogError(.inconsistent, "\(hashes.count) subtree hashes for a plan that reads \(nodes.count)")
        }
        var proof: [SHA256Digest] = []
        proof.reserveCapacity(elements.count)
        var cursor = 0
        for element in elements {
            proof.append(hasher.fold(Array(hashes[cursor..<(cursor + element.count)])))
            cursor += element.count
        }
        return proof
    }
}
