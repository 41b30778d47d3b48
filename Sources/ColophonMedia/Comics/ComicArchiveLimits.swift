/// The bounds a comic archive is read within, so that a hostile archive (a zip bomb, a
/// million entries) fails fast instead of exhausting memory or disk.
public struct ComicArchiveLimits: Sendable {
    /// Entries of any kind, ignored ones included.
    public var maxEntries: Int
    /// One page image.
    public var maxEntryBytes: Int
    /// Every page and metadata file together: what is held in memory.
    public var maxTotalBytes: Int
    /// The largest expansion of a compressed entry: real page images hardly compress at all.
    public var maxCompressionRatio: Int
    /// The largest ComicInfo.xml or manifest.
    public var maxMetadataBytes: Int

    public init(
        maxEntries: Int = 20_000,
        maxEntryBytes: Int = 256 << 20,
        maxTotalBytes: Int = 4 << 30,
        maxCompressionRatio: Int = 100,
        maxMetadataBytes: Int = 8 << 20
    ) {
        self.maxEntries = maxEntries
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.maxMetadataBytes = maxMetadataBytes
    }

    /// What `colophon serve` accepts from an upload by default: a tighter total and ratio, since
    /// a stranger chooses the archive.
    public static let upload = ComicArchiveLimits(maxTotalBytes: 1 << 30, maxCompressionRatio: 50)
}
