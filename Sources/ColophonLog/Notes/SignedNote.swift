import ColophonCrypto
import ColophonRecords
import Foundation

/// A C2SP signed note: UTF-8 text ending in a newline, a blank line, then signature lines.
public struct SignedNote: Hashable, Sendable {
    /// The most signatures a note may carry (the Go implementation's cap).
    public static let maxSignatures = 100

    /// The signed text, including its final newline.
    public let text: String
    public private(set) var signatures: [NoteSignature]

    public init(text: String, signatures: [NoteSignature] = []) {
        self.text = text
        self.signatures = signatures
    }

    /// Parses a note, checking its structure (not its signatures).
    public init(parsing note: String) throws(LogError) {
        guard note.unicodeScalars.allSatisfy({ $0 == "\n" || ($0.value >= 0x20 && $0.value != 0x7F) }) else {
            throw LogError(.malformedNote, "the note contains control characters")
        }
        guard let separator = note.range(of: "\n\n", options: .backwards) else {
            throw LogError(.malformedNote, "the note has no blank line before its signatures")
        }
        let text = String(note[..<separator.lowerBound]) + "\n"
        let block = note[separator.upperBound...]
        guard !block.isEmpty, block.hasSuffix("\n") else {
            throw LogError(.malformedNote, "the signature lines must each end with a newline")
        }
        var signatures: [NoteSignature] = []
        for line in block.dropLast().split(separator: "\n", omittingEmptySubsequences: false) {
            let signature = try NoteSignature(line: line)
            if !signatures.contains(signature) {
                signatures.append(signature)
            }
            guard signatures.count <= Self.maxSignatures else {
                throw LogError(.malformedNote, "the note has more than \(Self.maxSignatures) signatures")
            }
        }
        self.text = text
        self.signatures = signatures
    }

    /// The note as text: the body, a blank line, the signature lines.
    public var serialized: String {
        text + "\n" + signatures.map(\.line).joined()
    }

    /// Adds a signature line (ignoring an identical one already present).
    public mutating func add(_ signature: NoteSignature) {
        if !signatures.contains(signature) {
            signatures.append(signature)
        }
    }

    /// Signs the note with `signer` and adds the signature.
    public mutating func sign(with signer: NoteSigner, timestamp: UInt64 = 0) throws {
        add(try signer.sign(text: Array(text.utf8), timestamp: timestamp))
    }

    /// Checks the signatures against known verifiers, as the signed-note spec requires:
    /// signatures by unknown keys are ignored, a signature by a known key must verify or the
    /// whole note is rejected, and at least one known key must have signed.
    ///
    /// - Returns: the verifiers whose signatures checked out, each with its cosignature time.
    @discardableResult
    public func verify(_ verifiers: [NoteVerifier]) throws(LogError) -> [(verifier: NoteVerifier, timestamp: UInt64?)] {
        let verified = try verifiedSignatures(verifiers)
        guard !verified.isEmpty else {
            throw LogError(.invalidSignature, "no signature by a known key")
        }
        return verified
    }

    /// The known keys that signed, possibly none; a known key's failing signature still
    /// rejects the note.
    public func verifiedSignatures(
        _ verifiers: [NoteVerifier]
    ) throws(LogError) -> [(verifier: NoteVerifier, timestamp: UInt64?)] {
        var known: [String: NoteVerifier] = [:]
        for verifier in verifiers {
            let key = "\(verifier.name)+\(verifier.keyID)"
            if let existing = known[key], existing != verifier {
                throw LogError(.malformedKey, "ambiguous key \(verifier.vkey): two keys share its name and id")
            }
            known[key] = verifier
        }
        let body = Array(text.utf8)
        var verified: [(verifier: NoteVerifier, timestamp: UInt64?)] = []
        for signature in signatures {
            guard let verifier = known["\(signature.name)+\(signature.keyID)"] else { continue }
            let result = verifier.verify(signature: signature.bytes.dropFirst(4), text: body)
            guard result.valid else {
                throw LogError(.invalidSignature, "invalid signature for key \(verifier.vkey)")
            }
            if !verified.contains(where: { $0.verifier == verifier }) {
                verified.append((verifier, result.timestamp))
            }
        }
        return verified
    }
}
