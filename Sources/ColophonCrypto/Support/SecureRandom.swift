internal import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's DRBG (salts, nonces, serials).
public enum SecureRandom {
    /// Returns `count` random bytes.
    public static func bytes(_ count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        guard count == 0 || RAND_bytes(&out, Int32(count)) == 1 else {
            throw OpenSSLErrorQueue.error(.library, "the random generator failed")
        }
        return out
    }
}
