import ColophonCrypto

/// The C2SP rule for key names in signed notes: non-empty, no Unicode whitespace, no `+`.
enum NoteName {
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("+")
            && !name.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }
    }

    /// `SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4]` as a big-endian integer.
    static func keyID(name: String, type: UInt8, publicKey: [UInt8]) -> UInt32 {
        let digest = SHA256.hash(Array(name.utf8) + [0x0A, type] + publicKey)
        return digest.bytes.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }
}
