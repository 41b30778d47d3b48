public import ColophonCrypto
import ColophonRecords

/// A C2SP tlog-checkpoint: the log's origin, its size and its root hash, as the body of a
/// signed note.
public struct Checkpoint: Hashable, Sendable {
    public var origin: String
    public var size: UInt64
    public var root: SHA256Digest
    /// Extension lines (not recommended by the spec; kept when reading others' checkpoints).
    public var extensions: [String]

    public init(origin: String, size: UInt64, root: SHA256Digest, extensions: [String] = []) {
        self.origin = origin
        self.size = size
        self.root = root
        self.extensions = extensions
    }

    /// Parses a checkpoint body (a note's text).
    public init(text: String) throws(LogError) {
        guard text.hasSuffix("\n") else {
            throw LogError(.malformedCheckpoint, "a checkpoint body ends with a newline")
        }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 3 else {
            throw LogError(.malformedCheckpoint, "a checkpoint has an origin, a size and a root hash line")
        }
        let origin = String(lines[0])
        guard !origin.isEmpty else { throw LogError(.malformedCheckpoint, "the origin line is empty") }
        let sizeText = lines[1]
        guard let size = UInt64(sizeText), sizeText.allSatisfy(\.isASCII), String(size) == sizeText else {
            throw LogError(.malformedCheckpoint, "the size \"\(sizeText)\" is not a decimal without leading zeros")
        }
        guard let rootBytes = Base64.decode(lines[2]), lines[2].hasSuffix("="),
            let root = SHA256Digest(bytes: rootBytes)
        else {
            throw LogError(.malformedCheckpoint, "the root is not standard base64 of a 32-byte hash")
        }
        let extensions = lines.dropFirst(3).map(String.init)
        guard !extensions.contains(where: \.isEmpty) else {
            throw LogError(.malformedCheckpoint, "a checkpoint has no empty lines")
        }
        self.init(origin: origin, size: size, root: root, extensions: extensions)
    }

    /// The note body: `origin\nsize\nbase64(root)\n` and any extension lines.
    public var text: String {
        ([origin, String(size), Base64.encode(root.bytes)] + extensions).map { $0 + "\n" }.joined()
    }

    /// Signs the checkpoint as a note with the log's key.
    public func signedNote(by signer: NoteSigner) throws -> SignedNote {
        var note = SignedNote(text: text)
        try note.sign(with: signer)
        return note
    }

    /// Parses a signed checkpoint, verifies it against the log's verifier and checks that the
    /// origin is the verifier's name (a checkpoint of another log must not pass as this one's).
    public static func open(
        note: String,
        verifier: NoteVerifier
    ) throws(LogError) -> (checkpoint: Checkpoint, note: SignedNote) {
        let signed = try SignedNote(parsing: note)
        let checkpoint = try Checkpoint(text: signed.text)
        guard checkpoint.origin == verifier.name else {
            throw LogError(.invalidSignature, "the checkpoint is for origin \(checkpoint.origin), not \(verifier.name)")
        }
        try signed.verify([verifier])
        return (checkpoint, signed)
    }
}
