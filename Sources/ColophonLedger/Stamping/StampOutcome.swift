public import ColophonMedia
public import ColophonRecords

/// What stamping one image did.
public struct StampOutcome: Sendable {
    public enum Status: String, Sendable {
        case stamped
        /// The image (by file or pixel digest) already has a generation record.
        case alreadyStamped = "already-stamped"
    }

    public var status: Status
    public var path: String
    public var recordID: RecordID
    public var index: UInt64
    /// The file that now carries the credential, when one was embedded.
    public var embeddedPath: String?
    /// The label of the C2PA manifest embedded, when one was.
    public var c2paManifest: String?
    /// The watermark put into the pixels, when one was: its id and the PSNR of the marked copy.
    public var watermark: (id: String, psnr: Double)?
    public var metadata: MetadataReport
    public var predicate: GenerationPredicate?
    /// Model and adapter names the ledger has no record of; recorded by name and hash.
    public var unresolved: [String]
    /// Flag evaluation at stamping time: the new image's conflicts with artists' declarations.
    public var consent: [ConsentFinding] = []
}
