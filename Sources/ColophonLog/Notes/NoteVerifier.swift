public import ColophonCrypto
import ColophonRecords

/// A signed-note verifier key, written as a "vkey":
/// `<name>+<8 hex key id>+<base64(type ‖ Ed25519 public key)>`.
public struct NoteVerifier: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let keyID: UInt32
    public let type: NoteKeyType
    public let publicKeyBytes: [UInt8]
    let publicKey: Ed25519.PublicKey

    /// Parses a vkey, checking that the key id is the hash the spec defines, so a typo or a
    /// swapped key is caught.
    public init(vkey: String) throws(LogError) {
        let parts = vkey.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw LogError(.malformedKey, "a verifier key has three '+'-separated parts: name+id+key")
        }
        let name = String(parts[0])
        guard NoteName.isValid(name) else { throw LogError(.malformedKey, "invalid key name \"\(name)\"") }
        guard parts[1].utf8.count == 8, let idBytes = Hex.decode(parts[1]), parts[1] == parts[1].lowercased() else {
            throw LogError(.malformedKey, "the key id must be 8 lower-case hex digits")
        }
        guard let decoded = Base64.decode(parts[2]), decoded.count == 1 + Ed25519.keyByteCount else {
            throw LogError(.malformedKey, "the key must be base64 of a type byte and a 32-byte Ed25519 key")
        }
        guard let type = NoteKeyType(rawValue: decoded[0]) else {
            throw LogError(
                .malformedKey,
                "the verifier key has the unsupported signature type 0x\(String(decoded[0], radix: 16))"
            )
        }
        let keyBytes = Array(decoded.dropFirst())
        let keyID = idBytes.reduce(0) { $0 << 8 | UInt32($1) }
        guard NoteName.keyID(name: name, type: type.rawValue, publicKey: keyBytes) == keyID else {
            throw LogError(.malformedKey, "the key id does not match the key (a damaged or altered vkey)")
        }
        do {
            publicKey = try Ed25519.PublicKey(rawRepresentation: keyBytes)
        } catch {
            throw LogError(.malformedKey, "the Ed25519 key is invalid: \(error)")
        }
        self.name = name
        self.keyID = keyID
        self.type = type
        self.publicKeyBytes = keyBytes
    }

    /// A verifier for an Ed25519 public key under `name`.
    public init(name: String, type: NoteKeyType, publicKey: Ed25519.PublicKey) throws(LogError) {
        guard NoteName.isValid(name) else { throw LogError(.malformedKey, "invalid key name \"\(name)\"") }
        self.name = name
        self.type = type
        self.publicKey = publicKey
        self.publicKeyBytes = publicKey.rawRepresentation
        self.keyID = NoteName.keyID(name: name, type: type.rawValue, publicKey: publicKeyBytes)
    }

    /// The vkey text.
    public var vkey: String {
        let id = String(keyID, radix: 16)
        return
            "\(name)+\(String(repeating: "0", count: 8 - id.count) + id)+\(Base64.encode([type.rawValue] + publicKeyBytes))"
    }

    public var description: String { vkey }

    /// Checks one signature's bytes (after the 4-byte key id) over a note's text.
    ///
    /// - Returns: for a cosignature, its timestamp; for a plain signature, `nil`.
    func verify(signature: ArraySlice<UInt8>, text: [UInt8]) -> (valid: Bool, timestamp: UInt64?) {
        switch type {
        case .ed25519:
            return (publicKey.isValidSignature(Array(signature), for: text), nil)
        case .cosignatureV1:
            guard signature.count == 8 + Ed25519.signatureByteCount else { return (false, nil) }
            let timestamp = signature.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            guard timestamp <= UInt64(Int64.max) else { return (false, nil) }
            let message = Array("cosignature/v1\ntime \(timestamp)\n".utf8) + text
            return (publicKey.isValidSignature(Array(signature.dropFirst(8)), for: message), timestamp)
        }
    }

    public static func == (lhs: NoteVerifier, rhs: NoteVerifier) -> Bool { lhs.vkey == rhs.vkey }
    public func hash(into hasher: inout Hasher) { hasher.combine(vkey) }
}
