public import ColophonRecords

/// What one of an image's layers said about it. Every layer answers the same question — which
/// records does this image lead to? — so verify, lookup, detect and the resolver report them in
/// one shape, strongest first: the file's digest, the embedded credential, the pixel digest (or
/// a WebP's bitstream digest), the watermark, PDQ.
public struct LayerFinding: Sendable {
    public enum Layer: String, Sendable, CaseIterable {
        case fileDigest = "file-digest"
        case credential
        case pixelDigest = "pixel-digest"
        case bitstreamDigest = "bitstream-digest"
        case watermark
        case pdq
    }

    public enum Outcome: String, Sendable {
        /// The layer leads to one or more records.
        case matched
        /// The layer was read and leads to no record.
        case noMatch = "no-match"
        /// The image does not carry this layer (no credential, no watermark, undecodable pixels).
        case absent
        /// Not looked at: a stronger layer already found the record.
        case notChecked = "not-checked"
    }

    public var layer: Layer
    public var outcome: Outcome
    /// The records it leads to, best first.
    public var records: [RecordID]
    /// What it read (a watermark id, a PDQ distance, a credential's record).
    public var detail: String?

    public init(_ layer: Layer, _ outcome: Outcome, records: [RecordID] = [], detail: String? = nil) {
        self.layer = layer
        self.outcome = outcome
        self.records = records
        self.detail = detail
    }
}
