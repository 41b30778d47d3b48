public import Foundation

extension P256 {
    /// A P-256 public key.
    public struct PublicKey: Sendable {
        let key: EVPKey

        init(key: EVPKey) {
            self.key = key
        }

        /// Whether a DER `ECDSA-Sig-Value` signs SHA-256 of `message`.
        public func isValidDERSignature(_ signature: some ContiguousBytes, for message: some ContiguousBytes) -> Bool {
            signature.withUnsafeBytes { signatureBytes in
                message.withUnsafeBytes { key.verify(signatureBytes, message: $0, digest: "SHA256") }
            }
        }

        /// Whether a raw `r || s` signature signs SHA-256 of `message`.
        public func isValidRawSignature(_ signature: some ContiguousBytes, for message: some ContiguousBytes) -> Bool {
            let raw = signature.withUnsafeBytes { Array($0) }
            guard let der = try? ECDSASignature.der(fromRaw: raw) else { return false }
            return isValidDERSignature(der, for: message)
        }
    }
}
