public import Foundation

/// A public key that checks signatures: Ed25519 or P-256.
public enum VerifyingKey: Sendable {
    case ed25519(Ed25519.PublicKey)
    case p256(P256.PublicKey)

    var evpKey: EVPKey {
        switch self {
        case .ed25519(let key): key.key
        case .p256(let key): key.key
        }
    }

    /// Loads an SPKI PEM ("PUBLIC KEY") of a supported algorithm.
    public init(pem: String) throws {
        try self.init(evpKey: EVPKey.fromPublicKeyPEM(pem))
    }

    /// Loads a DER SubjectPublicKeyInfo of a supported algorithm.
    public init(subjectPublicKeyInfoDER der: [UInt8]) throws {
        try self.init(evpKey: EVPKey.fromSubjectPublicKeyInfo(der: der))
    }

    private init(evpKey key: EVPKey) throws {
        switch try SignatureAlgorithm(of: key) {
        case .ed25519: self = .ed25519(Ed25519.PublicKey(key: key))
        case .ecdsaP256SHA256: self = .p256(P256.PublicKey(key: key))
        }
    }

    /// The signature algorithm of this key.
    public var algorithm: SignatureAlgorithm {
        switch self {
        case .ed25519: .ed25519
        case .p256: .ecdsaP256SHA256
        }
    }

    /// DER SubjectPublicKeyInfo.
    public var subjectPublicKeyInfoDER: [UInt8] {
        evpKey.subjectPublicKeyInfoDER()
    }

    /// SPKI PEM.
    public func pem() throws -> String {
        try evpKey.publicKeyPEM()
    }

    /// The key id used across Colophon: lower-case hex SHA-256 of the DER SubjectPublicKeyInfo.
    public var keyID: String {
        SHA256.hash(subjectPublicKeyInfoDER).hex
    }

    /// Whether `signature` signs `message` (P-256 signatures in DER).
    public func isValidSignature(_ signature: some ContiguousBytes, for message: some ContiguousBytes) -> Bool {
        switch self {
        case .ed25519(let key): key.isValidSignature(signature, for: message)
        case .p256(let key): key.isValidDERSignature(signature, for: message)
        }
    }
}
