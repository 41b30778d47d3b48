internal import COpenSSL
internal import Crypto
public import Foundation

extension Ed25519 {
    /// An Ed25519 public key.
    ///
    /// On Linux, signatures are checked with swift-crypto's BoringSSL, which does it in about 75 µs where
    /// OpenSSL 3.0 takes 110 (docs/performance.md): a server checks one per submission. Both
    /// implement the same check (RFC 8032 without the cofactor, S below the group order, R
    /// compared as encoded); the tests hold them to the same answers.
    public struct PublicKey: Sendable {
        let key: EVPKey
        private let checker: Curve25519.Signing.PublicKey?

        init(key: EVPKey) {
            self.key = key
            var length = Ed25519.keyByteCount
            var raw = [UInt8](repeating: 0, count: length)
            let exported = EVP_PKEY_get_raw_public_key(key.pointer, &raw, &length) == 1 && length == raw.count
            #if canImport(Darwin)
            // On Apple platforms swift-crypto is CryptoKit, whose answers on hostile signatures
            // the agreement tests do not cover: OpenSSL there.
            checker = nil
            _ = exported
            #else
            checker = exported ? try? Curve25519.Signing.PublicKey(rawRepresentation: raw) : nil
            #endif
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
            self.init(key: EVPKey(taking: pointer))
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
                return message.withUnsafeBytes { messageBytes in
                    guard let checker else { return key.verify(signatureBytes, message: messageBytes, digest: nil) }
                    return checker.isValidSignature(signatureBytes, for: messageBytes)
                }
            }
        }

        /// The same check through OpenSSL, for tests that hold the two implementations to one
        /// answer.
        func isValidSignatureByOpenSSL(_ signature: [UInt8], for message: [UInt8]) -> Bool {
            signature.withUnsafeBytes { signatureBytes in
                guard signatureBytes.count == Ed25519.signatureByteCount else { return false }
                return message.withUnsafeBytes { key.verify(signatureBytes, message: $0, digest: nil) }
            }
        }
    }
}
