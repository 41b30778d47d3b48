/// Ed25519 signatures (RFC 8032), the algorithm of every Colophon record and checkpoint.
public enum Ed25519 {
    /// Bytes in a raw private or public key.
    public static let keyByteCount = 32
    /// Bytes in a signature.
    public static let signatureByteCount = 64
}
