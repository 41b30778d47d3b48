internal import COpenSSL
public import Foundation

/// Incremental SHA-256 for data that arrives in pieces.
///
/// Non-copyable: it owns an OpenSSL context that must be freed exactly once and must not be
/// shared between threads.
public struct SHA256Hasher: ~Copyable {
    private let context: OpaquePointer

    /// Starts a new hash.
    public init() {
        guard let context = EVP_MD_CTX_new() else {
            fatalError("EVP_MD_CTX_new failed: out of memory")
        }
        precondition(EVP_DigestInit_ex2(context, FetchedDigest.sha256.pointer, nil) == 1, "SHA-256 init failed")
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Adds raw bytes.
    public mutating func update(_ raw: UnsafeRawBufferPointer) {
        guard raw.count > 0 else { return }
        precondition(EVP_DigestUpdate(context, raw.baseAddress, raw.count) == 1, "SHA-256 update failed")
    }

    /// Adds bytes.
    public mutating func update(_ bytes: some ContiguousBytes) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Finishes and returns the digest.
    public consuming func finalize() -> SHA256Digest {
        FetchedDigest.finalize(context)
    }
}
