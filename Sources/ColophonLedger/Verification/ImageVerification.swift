public import ColophonMedia
public import ColophonRecords

/// The answer to "where does this image come from?": a verdict, how it was reached, the
/// record found and what it says.
public struct ImageVerification: Sendable {
    /// How the record was found.
    public enum Method: String, Sendable {
        case credential
        case fileDigest = "file-digest"
        case pixelDigest = "pixel-digest"
        case bitstreamDigest = "bitstream-digest"
        case watermark
        case pdq
        case none
    }

    /// A record whose image is perceptually close.
    public struct Candidate: Sendable {
        public var recordID: RecordID
        public var index: UInt64
        public var distance: Int
    }

    public var verdict: ImageVerdict
    public var method: Method
    public var fileSHA256: String
    /// Nil when the pixels could not be decoded (WebP).
    public var pixelSHA256: String?
    /// The WebP bitstream digest (``ImageDigests/webpBitstreamAlgorithm``).
    public var webpBitstream: String?
    public var pdq: PDQHash?
    /// The credential embedded in the image, if any.
    public var credential: ContentCredential?
    /// The record the verdict is about.
    public var record: LedgerRecord?
    public var generation: GenerationPredicate?
    /// The PDQ distance, for `similar-to` (and 0 for exact matches).
    public var distance: Int?
    /// The log size the inclusion was proved against.
    public var provedAgainst: UInt64?
    /// Other records close to this image.
    public var candidates: [Candidate]
    /// Why a credential did not verify, in order.
    public var problems: [String]
    /// What limited the check without failing it (e.g. pixels that could not be decoded).
    public var notes: [String] = []
    /// What flag evaluation found: conflicts with artists' declared refusals, and the rest.
    public var consent: [ConsentFinding] = []
    /// Human contributions recorded about the image or the generation it matched.
    public var contributions: [ComicVerification.Contribution] = []
    /// The image's C2PA manifest, validated against the ledger's anchors.
    public var c2pa: C2PAValidation?
    /// The watermark read from the pixels, when they were decoded.
    public var watermark: WatermarkReading?
    /// What each layer said, strongest first.
    public var layers: [LayerFinding] = []
    /// The generation records the file, pixel and bitstream digests lead to.
    var digestRecords: [LayerFinding.Layer: [RecordID]] = [:]
}
