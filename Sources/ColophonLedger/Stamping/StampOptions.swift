/// What a caller says about an image beyond what its metadata says. Explicit values win over
/// the metadata's.
public struct StampOptions: Sendable {
    /// A model record id, hash or name.
    public var model: String?
    /// LoRAs as record id, hash or name, with their weights; when given they replace the
    /// metadata's list.
    public var loras: [(reference: String, weight: Double?)] = []
    public var prompt: String?
    public var negativePrompt: String?
    public var seed: String?
    /// Write the credential into the image as XMP.
    public var embed = false
    /// Where the embedded copy goes; nil replaces the original.
    public var output: String?
    /// The covered provider named in the SB 942 and GB 45438 fields.
    public var provider: String?
    /// Report an image already in the ledger instead of stamping it again.
    public var skipStamped = true
    /// Fields to keep out of the record as salted commitments (``FieldOpening/fields``); the
    /// openings stay in the ledger folder for `colophon reveal`.
    public var commit: Set<String> = []

    /// Also embed a C2PA manifest, signed this way (after the XMP, which it then covers).
    public var c2pa: C2PASigning?
    /// Refuse an image without a C2PA manifest (`colophon c2pa import`).
    public var requireManifest = false

    /// Mark the pixels with the invisible watermark before anything is digested, so the
    /// record binds the image as published (docs/watermark.md). The marked image is a PNG that
    /// keeps the original's metadata.
    public var watermark = false

    public init() {}
}
