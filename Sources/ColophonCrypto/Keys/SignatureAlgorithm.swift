internal import COpenSSL

/// The signature algorithms Colophon accepts.
public enum SignatureAlgorithm: String, Sendable, CaseIterable, Codable {
    case ed25519 = "ed25519"
    case ecdsaP256SHA256 = "ecdsa-p256-sha256"

    /// Identifies a loaded key's algorithm, refusing any other (RSA, other curves, X25519).
    init(of key: EVPKey) throws {
        switch key.typeName.uppercased() {
        case "ED25519":
            self = .ed25519
        case "EC":
            var name = [CChar](repeating: 0, count: 64)
            var length = 0
            guard EVP_PKEY_get_group_name(key.pointer, &name, name.count, &length) == 1 else {
                OpenSSLErrorQueue.clear()
                throw CryptoError(.wrongKeyType, "an EC key without a named curve is not supported")
            }
            let end = name.firstIndex(of: 0) ?? name.count
            let group = String(decoding: name[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard group == "prime256v1" || group == "P-256" else {
                throw CryptoError(.wrongKeyType, "EC curve \(group) is not supported (only P-256)")
            }
            self = .ecdsaP256SHA256
        case let other:
            throw CryptoError(.wrongKeyType, "\(other) keys are not supported (use Ed25519 or ECDSA P-256)")
        }
    }
}
