public import Foundation

extension P256 {
    /// A P-256 private key.
    public struct PrivateKey: Sendable {
        let key: EVPKey

        init(key: EVPKey) {
            self.key = key
        }

        /// Generates a new random key.
        public init() throws {
            key = try EVPKey.generate(algorithm: "EC", group: "P-256")
        }

        /// The matching public key.
        public var publicKey: PublicKey {
            PublicKey(key: key)
        }

        /// Signs SHA-256 of `message`; the signature is DER `ECDSA-Sig-Value`.
        public func derSignature(for message: some ContiguousBytes) throws -> [UInt8] {
            try message.withUnsafeBytes { try key.sign($0, digest: "SHA256") }
        }

        /// Signs SHA-256 of `message`; the signature is raw `r || s`, 64 bytes (COSE, JWS).
        public func rawSignature(for message: some ContiguousBytes) throws -> [UInt8] {
            try ECDSASignature.raw(fromDER: derSignature(for: message))
        }
    }
}
