internal import COpenSSL
public import Foundation

extension Ed25519 {
    /// An Ed25519 private key. Signing is deterministic: the same key and message always give
    /// the same signature, which lets tests reproduce third-party checkpoints byte for byte.
    public struct PrivateKey: Sendable {
        let key: EVPKey

        init(key: EVPKey) {
            self.key = key
        }

        /// Generates a new random key.
        public init() throws {
            key = try EVPKey.generate(algorithm: "ED25519")
        }

        /// Loads the 32-byte seed form (RFC 8032 "private key").
        public init(rawRepresentation seed: some Collection<UInt8>) throws {
            let bytes = Array(seed)
            guard bytes.count == Ed25519.keyByteCount else {
                throw CryptoError(.invalidKey, "an Ed25519 private key is 32 bytes, got \(bytes.count)")
            }
            guard let pointer = EVP_PKEY_new_raw_private_key_ex(nil, "ED25519", nil, bytes, bytes.count) else {
                throw OpenSSLErrorQueue.error(.invalidKey, "OpenSSL rejected the Ed25519 private key")
            }
            key = EVPKey(taking: pointer)
        }

        /// The 32-byte seed.
        public var rawRepresentation: [UInt8] {
            var length = Ed25519.keyByteCount
            var out = [UInt8](repeating: 0, count: length)
            let status = EVP_PKEY_get_raw_private_key(key.pointer, &out, &length)
            precondition(status == 1 && length == Ed25519.keyByteCount, "cannot export an Ed25519 private key")
            return out
        }

        /// The matching public key.
        public var publicKey: PublicKey {
            PublicKey(key: key)
        }

        /// Signs a message.
        public func signature(for message: some ContiguousBytes) throws -> [UInt8] {
            try message.withUnsafeBytes { try key.sign($0, digest: nil) }
        }
    }
}
