internal import COpenSSL
public import Foundation

extension Ed25519 {
    /// An Ed25519 public key.
    public struct PublicKey: Sendable {
        let key: EVPKey

        init(key: EVPKey) {
            self.key = key
        }

        /// Loads the 32-byte encoded point.
        public init(rawRepresentation bytes: some Collection<UInt8>) throws {
            let bytes = Array(bytes)
            guard bytes.count == Ed25519.keyByteCount else {
                throw CryptoError(.invalidKey, "an Ed25519 public key is 32 bytes, got \(bytes.count)")
            }
            guard let pointer = EVP_PKEY_new_raw_public_key_ex(nil, "ED25519", nil, bytes, bytes.count) else {
                throw OpenSSLErrorQueue.error(.invalidKey, "OpenSSL rejected the Ed25519 public key")
            }
            key = EVPKey(taking: pointer)
        }

        /// The 32-byte encoded point.
        public var rawRepresentation: [UInt8] {
            var length = Ed25519.keyByteCount
            var out = [UInt8](repeating: 0, count: length)
            let status = EVP_PKEY_get_raw_public_key(key.pointer, &out, &length)
            precondition(status == 1 && length == Ed25519.keyByteCount, "cannot export an Ed25519 public key")
            return out
        }

        /// Whether `signature` is a valid signature of `message` by this key. Malformed
        /// signatures (wrong length, junk) are simply invalid.
        public func isValidSignature(_ signature: some ContiguousBytes, for message: some ContiguousBytes) -> Bool {
            signature.withUnsafeBytes { signatureBytes in
                guard signatureBytes.count == Ed25519.signatureByteCount else { return false }
                return message.withUnsafeBytes { key.verify(signatureBytes, message: $0, digest: nil) }
            }
        }
    }
}
