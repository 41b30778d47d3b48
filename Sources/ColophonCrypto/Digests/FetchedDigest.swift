internal import COpenSSL

/// The SHA-256 implementation, fetched from OpenSSL's provider once.
///
/// `EVP_sha256()` re-fetches on every initialisation in OpenSSL 3, which costs about half
/// the time of hashing a Merkle node; holding the fetched `EVP_MD` avoids that.
/// `@unchecked Sendable`: a fetched `EVP_MD` is immutable and reference-counted atomically.
final class FetchedDigest: @unchecked Sendable {
    let pointer: OpaquePointer

    static let sha256 = FetchedDigest()

    private init() {
        if let fetched = EVP_MD_fetch(nil, "SHA256", nil) {
            pointer = fetched
        } else if let builtIn = EVP_sha256() {
            OpenSSLErrorQueue.clear()
            pointer = builtIn
        } else {
            fatalError("libcrypto offers no SHA-256: the OpenSSL installation is broken")
        }
    }

    /// Finishes a SHA-256 context into a digest, without allocating.
    static func finalize(_ context: OpaquePointer) -> SHA256Digest {
        var out = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        var length: UInt32 = 0
        let status = withUnsafeMutableBytes(of: &out) { outRaw in
            EVP_DigestFinal_ex(context, outRaw.baseAddress?.assumingMemoryBound(to: UInt8.self), &length)
        }
        precondition(status == 1 && length == 32, "SHA-256 final failed")
        return withUnsafeBytes(of: out) { SHA256Digest(unsafeBytes: $0) }
    }
}
