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
            #if canImport(Darwin)
            // On Apple platforms swift-crypto is CryptoKit, whose answers on hostile signatures
            // the agreement tests do not cover: OpenSSL there.
            checker = nil
            #else
            checker = Self.raw(of: key).flatMap { try? Curve25519.Signing.PublicKey(rawRepresentation: $0) }
            #endif
        }

        /// The 32-byte encoded point of `key`, or nil if OpenSSL cannot export it.
        private static func raw(of key: EVPKey) -> [UInt8]? {
            var length = Ed25519.keyByteCount
            var out = [UInt8](repeating: 0, count: length)
            guard EVP_PKEY_get_raw_public_key(key.pointer, &out, &length) == 1, length == out.count else { return nil }
            return out
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
            guard let raw = Self.raw(of: key) else { preconditionFailure("cannot export an Ed25519 public key") }
            return raw
        }

        /// Whether `signature` is a valid signature of `message` by this key. Malformed
        /// signatures (wrong length, junk) are simply invalid.
        public func isValidSignature(_ signature: some ContiguousBytes, for message: some ContiguousBytes) -> Bool {
            Self.checking(signature, message) { signature, message in
                checker?.isValidSignature(signature, for: message)
                    ?? key.verify(signature, message: message, digest: nil)
            }
        }

        /// The same check through OpenSSL, for tests that hold the two implementations to one
        /// answer.
        func isValidSignatureByOpenSSL(_ signature: [UInt8], for message: [UInt8]) -> Bool {
            Self.checking(signature, message) { key.verify($0, message: $1, digest: nil) }
        }

        /// Runs `check` on the raw bytes of a signature of the right length; any other length is
        /// simply invalid.
        private static func checking(
            _ signature: some ContiguousBytes,
            _ message: some ContiguousBytes,
            _ check: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Bool
        ) -> Bool {
            signature.withUnsafeBytes { signatureBytes in
                guard signatureBytes.count == Ed25519.signatureByteCount else { return false }
                return message.withUnsafeBytes { check(signatureBytes, $0) }
            }
        }
    }
}
