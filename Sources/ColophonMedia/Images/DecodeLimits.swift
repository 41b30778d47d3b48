/// Bounds on what a decoder will allocate. A 100 KB PNG can declare 100000×100000 pixels;
/// these limits refuse it from the header, before any pixel memory exists.
public struct DecodeLimits: Hashable, Sendable {
    public var maxWidth: Int
    public var maxHeight: Int
    public var maxPixels: Int

    public init(maxWidth: Int = 32_768, maxHeight: Int = 32_768, maxPixels: Int = 100_000_000) {
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        self.maxPixels = maxPixels
    }

    /// 100 megapixels (400 MB of RGBA), no side above 32768: every real generator output fits.
    public static let standard = DecodeLimits()

    /// Refuses dimensions beyond the limits, naming them.
    func check(width: Int, height: Int, format: String) throws(MediaError) {
        guard width <= maxWidth, height <= maxHeight, width * height <= maxPixels else {
            throw MediaError(
                .tooLarge,
                "\(format) declares \(width)×\(height) pixels, beyond the limit of \(maxWidth)×\(maxHeight) and \(maxPixels / 1_000_000) megapixels"
            )
        }
    }
}
