import ColophonCrypto
import ColophonRecords

/// The body of a tlog-witness `add-checkpoint` request:
///
/// ```
/// old <size>
/// <base64 hash>      (0 to 63 consistency proof lines)
///
/// <signed checkpoint note>
/// ```
public struct AddCheckpointRequest: Hashable, Sendable {
    /// The largest body a witness reads: a note with many signatures and a full proof fit.
    public static let maximumBytes = 64 << 10

    public var oldSize: UInt64
    public var proof: [[UInt8]]
    public var note: String

    public init(oldSize: UInt64, proof: [[UInt8]], note: String) {
        self.oldSize = oldSize
        self.proof = proof
        self.note = note
    }

    /// The body to send.
    public var body: String {
        "old \(oldSize)\n" + proof.map { Base64.encode($0) + "\n" }.joined() + "\n" + note
    }

    /// Parses a request body.
    ///
    /// - Throws: ``LogError`` `.malformedNote` naming what is wrong.
    public init(parsing bytes: [UInt8]) throws(LogError) {
        guard bytes.count <= Self.maximumBytes else {
            throw LogError(
                .malformedNote,
                "the request is \(bytes.count) bytes; a witness reads at most \(Self.maximumBytes)"
            )
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LogError(.malformedNote, "the request is not UTF-8")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let first = lines.popFirst(), first.hasPrefix("old "),
            let old = UInt64(first.dropFirst(4)), String(old) == first.dropFirst(4)
        else {
            throw LogError(.malformedNote, "the request must start with 'old <size>'")
        }
        var proof: [[UInt8]] = []
        while let line = lines.popFirst() {
            if line.isEmpty { break }
            guard proof.count < 63 else { throw LogError(.malformedNote, "a consistency proof has at most 63 hashes") }
            guard let hash = Base64.decode(String(line)), hash.count == SHA256Digest.byteCount else {
                throw LogError(.malformedNote, "proof line \(proof.count + 1) is not a base64 SHA-256 hash")
            }
            proof.append(hash)
        }
        let note = lines.joined(separator: "\n")
        guard !note.isEmpty else { throw LogError(.malformedNote, "the request carries no checkpoint") }
        self.init(oldSize: old, proof: proof, note: note)
    }
}
