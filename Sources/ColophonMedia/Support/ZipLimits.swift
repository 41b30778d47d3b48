/// The bounds a zip archive is read within, so that a hostile one (a zip bomb, a million
/// entries) fails fast instead of exhausting memory.
public struct ZipLimits: Sendable {
    /// Entries of any kind, skipped ones included.
    public var maxEntries: Int
    /// Every entry read, together: what is held in memory.
    public var maxTotalBytes: Int
    /// The largest expansion of compressed data, per entry beyond 1 MiB and over the whole
    /// archive beyond 16 MiB.
    public var maxCompressionRatio: Int

    public init(maxEntries: Int, maxTotalBytes: Int, maxCompressionRatio: Int) {
        self.maxEntries = maxEntries
        self.maxTotalBytes = maxTotalBytes
        self.maxCompressionRatio = maxCompressionRatio
    }
}
