public import Foundation

/// A private key Colophon can sign with: Ed25519 (records, checkpoints) or P-256 (X.509, C2PA).
public enum SigningKey: Sendable {
    case ed25519(Ed25519.PrivateKey)
    case p256(P256.PrivateKey)

    var evpKey: EVPKey {
        switch self {
        case .ed25519(let key): key.key
        case .p256(let key): key.key
        }
    }

    /// Generates a new key of the given algorithm.
    public static func generate(_ algorithm: SignatureAlgorithm) throws -> SigningKey {
        switch algorithm {
        case .ed25519: .ed25519(try Ed25519.PrivateKey())
        case .ecdsaP256SHA256: .p256(try P256.PrivateKey())
        }
    }

    /// Loads a PKCS#8 PEM private key, plain or passphrase-encrypted.
    ///
    /// - Throws: ``CryptoError`` `.passphrase` for an encrypted key without (or with the wrong)
    ///   passphrase, `.invalidKey` for malformed PEM, `.wrongKeyType` for another algorithm.
    public init(pem: String, passphrase: String? = nil) throws {
        let key = try EVPKey.fromPrivateKeyPEM(pem, passphrase: passphrase)
        switch try SignatureAlgorithm(of: key) {
        case .ed25519: self = .ed25519(Ed25519.PrivateKey(key: key))
        case .ecdsaP256SHA256: self = .p256(P256.PrivateKey(key: key))
        }
    }

    /// The signature algorithm of this key.
    public var algorithm: SignatureAlgorithm {
        switch self {
        case .ed25519: .ed25519
        case .p256: .ecdsaP256SHA256
        }
    }

    /// The public half.
    public var verifyingKey: VerifyingKey {
        switch self {
        case .ed25519(let key): .ed25519(key.publicKey)
        case .p256(let key): .p256(key.publicKey)
        }
    }

    /// PKCS#8 PEM; encrypted (AES-256-CBC, PBES2) when a passphrase is given.
    public func pem(passphrase: String? = nil) throws -> String {
        try evpKey.privateKeyPEM(passphrase: passphrase)
    }

    /// Signs a message. Ed25519 signs it directly; P-256 signs its SHA-256 and returns DER.
    public func signature(for message: some ContiguousBytes) throws -> [UInt8] {
        switch self {
        case .ed25519(let key): try key.signature(for: message)
        case .p256(let key): try key.derSignature(for: message)
        }
    }
}
