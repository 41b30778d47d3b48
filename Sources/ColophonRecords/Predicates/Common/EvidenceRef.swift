/// A file kept as a blob to back a claim: a draft, a layered file, a script, a timelapse.
public struct EvidenceRef: Codable, Hashable, Sendable {
    /// `sha256:<hex>` of the blob.
    public var blob: String
    public var mediaType: String?
    public var description: String?

    public init(blob: String, mediaType: String? = nil, description: String? = nil) {
        self.blob = blob
        self.mediaType = mediaType
        self.description = description
    }
}
