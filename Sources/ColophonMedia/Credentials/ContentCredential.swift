/// What Colophon embeds in a stamped image as XMP: the IPTC digital source type, where the
/// record lives (its id, the log's origin and the entry index), the California SB 942 latent
/// disclosure (provider, system and version, time, unique id) and the China GB 45438 implicit
/// label. Personal provenance (who ran the generation, the prompt) is never embedded.
public struct ContentCredential: Hashable, Sendable {
    /// The IPTC vocabulary every `DigitalSourceType` URI starts with.
    public static let digitalSourceTypeBase = "http://cv.iptc.org/newscodes/digitalsourcetype/"

    /// A full IPTC URI, e.g. `…/trainedAlgorithmicMedia`.
    public var digitalSourceType: String
    /// `sha256:<hex>` of the generation record.
    public var recordID: String?
    /// The log's origin line (C2SP checkpoint origin).
    public var logOrigin: String?
    /// The record's entry index in that log.
    public var logIndex: UInt64?
    /// SB 942 (4) unique identifier; GB 45438 `ProduceID`.
    public var contentID: String?
    /// SB 942 (1) the covered provider.
    public var provider: String?
    /// SB 942 (2) the GenAI system and its version.
    public var system: String?
    public var systemVersion: String?
    /// SB 942 (3) creation time, RFC 3339.
    public var createdAt: String?
    /// GB 45438 implicit label.
    public var aigc: AIGCLabel?

    public init(
        digitalSourceType: String,
        recordID: String? = nil,
        logOrigin: String? = nil,
        logIndex: UInt64? = nil,
        contentID: String? = nil
    ) {
        self.digitalSourceType = digitalSourceType
        self.recordID = recordID
        self.logOrigin = logOrigin
        self.logIndex = logIndex
        self.contentID = contentID
    }

    /// The digital source type's term (the URI's last path segment), `https` normalised.
    public var digitalSourceTypeTerm: String? {
        Self.term(of: digitalSourceType)
    }

    static func term(of uri: String) -> String? {
        let normalised = uri.hasPrefix("https://") ? "http://" + uri.dropFirst(8) : Substring(uri)
        guard normalised.hasPrefix(digitalSourceTypeBase) else { return nil }
        let term = normalised.dropFirst(digitalSourceTypeBase.count)
        return term.isEmpty ? nil : String(term)
    }
}
