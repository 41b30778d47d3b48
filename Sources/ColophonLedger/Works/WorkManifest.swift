public import ColophonRecords

/// `colophon-work.json`, the file a CBZ exported by Colophon carries: which work record the
/// archive is, where it was logged, and the signed record itself, so a publisher's copy of
/// Colophon can check the archive against it.
public struct WorkManifest: Codable, Sendable {
    public static let currentFormat = "colophon-work-manifest/v1"

    /// ``currentFormat``; other formats are refused.
    public var format: String
    public var workId: String
    public var version: Int
    /// The work record's id, `sha256:<hex>`.
    public var workRecord: String
    /// The log that holds the record, and where.
    public var logOrigin: String
    public var logIndex: UInt64
    /// The DSSE envelope of the work record.
    public var envelope: JSONValue
    /// Every page with its elements, when the record keeps them in a blob.
    public var pages: [WorkPredicate.Page]?

    public init(
        workId: String,
        version: Int,
        workRecord: String,
        logOrigin: String,
        logIndex: UInt64,
        envelope: JSONValue,
        pages: [WorkPredicate.Page]? = nil
    ) {
        format = Self.currentFormat
        self.workId = workId
        self.version = version
        self.workRecord = workRecord
        self.logOrigin = logOrigin
        self.logIndex = logIndex
        self.envelope = envelope
        self.pages = pages
    }
}
