/// ECDSA over NIST P-256 with SHA-256, for X.509 and C2PA (ES256) interoperability.
public enum P256 {
    /// Bytes in one coordinate or scalar.
    static let coordinateByteCount = 32
}
