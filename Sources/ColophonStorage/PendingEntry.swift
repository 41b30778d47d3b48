public import ColophonCrypto
public import ColophonRecords

/// An entry on its way into the log, with the facts the store indexes it by.
public struct PendingEntry: Hashable, Sendable {
    public var recordID: RecordID
    /// The canonical DSSE envelope.
    public var body: [UInt8]
    /// The entry's Merkle leaf hash, computed by the caller (in parallel, off the writer).
    public var leafHash: SHA256Digest
    public var predicateType: String
    /// Subject digests as (algorithm, encoded digest).
    public var subjects: [SubjectDigest]
    public var references: [RecordID]
    /// Key ids of the signers.
    public var signers: [String]

    public init(
        recordID: RecordID,
        body: [UInt8],
        leafHash: SHA256Digest,
        predicateType: String,
        subjects: [SubjectDigest],
        references: [RecordID],
        signers: [String]
    ) {
        self.recordID = recordID
        self.body = body
        self.leafHash = leafHash
        self.predicateType = predicateType
        self.subjects = subjects
        self.references = references
        self.signers = signers
    }
}
