public import ColophonCrypto

/// RFC 6962 hashing with one reused SHA-256 context, for loops that hash many nodes.
///
/// Not `Sendable`: each task makes its own.
public struct MerkleHasher {
    private let context = SHA256Context()

    public init() {}

    /// `SHA-256(0x00 ‖ entry)`.
    public func leafHash(_ entry: some Collection<UInt8>) -> SHA256Digest {
        let bytes = Array(entry)
        return bytes.withUnsafeBytes { context.hash(prefix: 0, $0) }
    }

    /// `SHA-256(0x01 ‖ left ‖ right)`.
    public func nodeHash(_ left: SHA256Digest, _ right: SHA256Digest) -> SHA256Digest {
        context.hash(prefix: 1, left, right)
    }

    /// Folds the perfect subtrees of a range, largest (leftmost) first, into the range's hash.
    public func fold(_ nodes: [SHA256Digest]) -> SHA256Digest {
        guard var hash = nodes.last else { return RFC6962.emptyRoot }
        for node in nodes.dropLast().reversed() {
            hash = nodeHash(node, hash)
        }
        return hash
    }
}
