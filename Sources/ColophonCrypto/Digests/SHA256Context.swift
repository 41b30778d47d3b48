internal import COpenSSL

/// A reusable SHA-256 context for hashing many small messages, such as Merkle tree nodes.
///
/// Reusing one context avoids an allocation and a provider lookup per message, which is
/// most of the cost of hashing 65 bytes. Not `Sendable`: give each task its own.
public final class SHA256Context {
    private let context: OpaquePointer

    public init() {
        guard let context = EVP_MD_CTX_new() else {
            fatalError("EVP_MD_CTX_new failed: out of memory")
        }
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Hashes the concatenation of a one-byte prefix and raw parts (RFC 6962 leaves and nodes
    /// are a prefix byte followed by their content).
    public func hash(prefix: UInt8?, _ parts: UnsafeRawBufferPointer...) -> SHA256Digest {
        precondition(EVP_DigestInit_ex2(context, FetchedDigest.sha256.pointer, nil) == 1, "SHA-256 init failed")
        if var prefix {
            precondition(EVP_DigestUpdate(context, &prefix, 1) == 1, "SHA-256 update failed")
        }
        for part in parts where part.count > 0 {
            precondition(EVP_DigestUpdate(context, part.baseAddress, part.count) == 1, "SHA-256 update failed")
        }
        return FetchedDigest.finalize(context)
    }

    /// Hashes a prefix byte followed by two digests: an interior Merkle node.
    public func hash(prefix: UInt8, _ left: SHA256Digest, _ right: SHA256Digest) -> SHA256Digest {
        left.withUnsafeBytes { l in
            right.withUnsafeBytes { r in
                hash(prefix: prefix, l, r)
            }
        }
    }
}
