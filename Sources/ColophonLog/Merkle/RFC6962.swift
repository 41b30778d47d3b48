public import ColophonCrypto

/// RFC 6962 §2.1 Merkle tree hashing: leaves are `SHA-256(0x00 ‖ entry)`, interior nodes
/// `SHA-256(0x01 ‖ left ‖ right)`, the empty tree `SHA-256("")`. The prefixes keep a leaf from
/// ever being mistaken for a node (second-preimage resistance).
public enum RFC6962 {
    /// The root of the empty tree.
    public static let emptyRoot = SHA256.hash([UInt8]())

    /// The hash of one entry.
    public static func leafHash(_ entry: some Collection<UInt8>) -> SHA256Digest {
        MerkleHasher().leafHash(entry)
    }

    /// The hash of an interior node.
    public static func nodeHash(_ left: SHA256Digest, _ right: SHA256Digest) -> SHA256Digest {
        MerkleHasher().nodeHash(left, right)
    }

    /// The largest power of two strictly less than `n` (n > 1): where RFC 6962 splits a tree.
    static func split(_ n: UInt64) -> UInt64 {
        precondition(n > 1, "only trees of two or more leaves split")
        return 1 << (63 - (n - 1).leadingZeroBitCount)
    }
}
