public import ColophonCrypto
import ColophonRecords
import Foundation

/// A signed-note signing key, in the Go tooling's text form:
/// `PRIVATE+KEY+<name>+<8 hex key id>+<base64(0x01 ‖ 32-byte Ed25519 seed)>`.
public struct NoteSigner: Sendable {
    public let verifier: NoteVerifier
    let privateKey: Ed25519.PrivateKey

    /// Parses a private key text.
    public init(privateKeyText text: String) throws(LogError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // The base64 may itself contain '+', so split into at most five parts.
        let parts = trimmed.split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY" else {
            throw LogError(.malformedKey, "a note private key reads PRIVATE+KEY+name+id+key")
        }
        guard let decoded = Base64.decode(parts[4]), decoded.count == 1 + Ed25519.keyByteCount,
            decoded[0] == NoteKeyType.ed25519.rawValue
        else {
            throw LogError(.malformedKey, "the private key must be base64 of 0x01 and a 32-byte Ed25519 seed")
        }
        let key: Ed25519.PrivateKey
        do {
            key = try Ed25519.PrivateKey(rawRepresentation: decoded.dropFirst())
        } catch {
            throw LogError(.malformedKey, "the Ed25519 seed is invalid: \(error)")
        }
        let verifier = try NoteVerifier(name: String(parts[2]), type: .ed25519, publicKey: key.publicKey)
        guard String(verifier.vkey.split(separator: "+")[1]) == parts[3] else {
            throw LogError(.malformedKey, "the key id in the private key does not match the key")
        }
        self.verifier = verifier
        self.privateKey = key
    }

    /// A signer for `key` under `name`, as a log (type 0x01) or a witness (cosignature/v1).
    public init(name: String, key: Ed25519.PrivateKey, type: NoteKeyType = .ed25519) throws(LogError) {
        verifier = try NoteVerifier(name: name, type: type, publicKey: key.publicKey)
        privateKey = key
    }

    /// Makes a new random log key.
    public static func generate(name: String) throws -> NoteSigner {
        try NoteSigner(name: name, key: Ed25519.PrivateKey())
    }

    /// The private key text (only for type 0x01 keys, as Go tooling writes them).
    public var privateKeyText: String {
        let id = String(verifier.vkey.split(separator: "+")[1])
        return
            "PRIVATE+KEY+\(verifier.name)+\(id)+\(Base64.encode([NoteKeyType.ed25519.rawValue] + privateKey.rawRepresentation))"
    }

    /// Signs a note text and returns the signature line's payload (key id ‖ signature).
    ///
    /// For a cosigner, `timestamp` (seconds since the epoch) is part of what is signed.
    public func sign(text: [UInt8], timestamp: UInt64 = 0) throws -> NoteSignature {
        let keyID = withUnsafeBytes(of: verifier.keyID.bigEndian) { Array($0) }
        switch verifier.type {
        case .ed25519:
            return NoteSignature(name: verifier.name, bytes: keyID + (try privateKey.signature(for: text)))
        case .cosignatureV1:
            let time = withUnsafeBytes(of: timestamp.bigEndian) { Array($0) }
            let message = Array("cosignature/v1\ntime \(timestamp)\n".utf8) + text
            return NoteSignature(name: verifier.name, bytes: keyID + time + (try privateKey.signature(for: message)))
        }
    }
}
