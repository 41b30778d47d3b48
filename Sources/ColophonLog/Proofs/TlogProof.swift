public import ColophonCrypto
import ColophonRecords

/// A `c2sp.org/tlog-proof@v1` file: an entry's index, its inclusion path, and the signed
/// checkpoint the path leads to. It proves, offline and without trusting anyone but the log's
/// key (and any witnesses), that the entry is in the log.
public struct TlogProof: Hashable, Sendable {
    static let header = "c2sp.org/tlog-proof@v1"

    /// Opaque, unauthenticated data carried along (Colophon leaves it empty).
    public var extra: [UInt8]?
    public var index: UInt64
    public var path: [SHA256Digest]
    /// The checkpoint note, verbatim with all its signatures.
    public var checkpointNote: String

    public init(extra: [UInt8]? = nil, index: UInt64, path: [SHA256Digest], checkpointNote: String) {
        self.extra = extra
        self.index = index
        self.path = path
        self.checkpointNote = checkpointNote
    }

    /// Parses a proof file.
    public init(parsing text: String) throws(LogError) {
        guard text.utf8.count <= 1 << 20 else {
            throw LogError(.malformedProofFile, "the proof file is larger than 1 MiB")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard lines.popFirst() == Substring(Self.header) else {
            throw LogError(.malformedProofFile, "the first line must be \(Self.header)")
        }
        var extra: [UInt8]?
        if let line = lines.first, line.hasPrefix("extra ") {
            guard let bytes = Base64.decode(line.dropFirst(6)) else {
                throw LogError(.malformedProofFile, "the extra line is not base64")
            }
            extra = bytes
            lines.removeFirst()
        }
        guard let indexLine = lines.popFirst(), indexLine.hasPrefix("index "),
            let index = UInt64(indexLine.dropFirst(6)), String(index) == indexLine.dropFirst(6)
        else {
            throw LogError(.malformedProofFile, "expected 'index <decimal>'")
        }
        var path: [SHA256Digest] = []
        while let line = lines.popFirst(), !line.isEmpty {
            guard path.count < 64, let bytes = Base64.decode(line), let hash = SHA256Digest(bytes: bytes) else {
                throw LogError(
                    .malformedProofFile,
                    "inclusion path line \(path.count + 1) is not a base64 32-byte hash"
                )
            }
            path.append(hash)
        }
        let note = lines.joined(separator: "\n")
        guard !note.isEmpty else {
            throw LogError(.malformedProofFile, "the proof has no checkpoint after its blank line")
        }
        self.init(extra: extra, index: index, path: path, checkpointNote: note)
    }

    /// The file's text.
    public var text: String {
        var out = Self.header + "\n"
        if let extra { out += "extra \(Base64.encode(extra))\n" }
        out += "index \(index)\n"
        out += path.map { Base64.encode($0.bytes) + "\n" }.joined()
        return out + "\n" + checkpointNote
    }

    /// Verifies the proof for an entry's leaf hash: the checkpoint must satisfy `policy` (the
    /// log's signature and the witness quorum), and the path must lead from the leaf to the
    /// checkpoint's root.
    ///
    /// - Returns: the checkpoint the entry is proven to be in.
    public func verify(leafHash: SHA256Digest, policy: TlogPolicy) throws(LogError) -> Checkpoint {
        let checkpoint = try policy.verify(checkpointNote: checkpointNote)
        try MerkleProof.verifyInclusion(
            leafHash: leafHash,
            index: index,
            size: checkpoint.size,
            proof: path,
            root: checkpoint.root
        )
        return checkpoint
    }

    /// Verifies the proof for the entry's bytes.
    public func verify(entry: [UInt8], policy: TlogPolicy) throws(LogError) -> Checkpoint {
        try verify(leafHash: RFC6962.leafHash(entry), policy: policy)
    }
}
