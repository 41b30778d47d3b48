/// An image decoded to 8-bit RGBA, row by row from the top left, four bytes per pixel.
public struct DecodedImage: Sendable {
    public let width: Int
    public let height: Int
    /// `width * height * 4` bytes: R, G, B, A.
    public let rgba: [UInt8]
    /// What the file stored before conversion, for reports and the pixel-digest definition.
    public let source: Source

    /// The stored form of the pixels.
    public struct Source: Hashable, Sendable {
        public var mediaType: MediaType
        /// PNG colour type (0, 2, 3, 4, 6) or JPEG component count (1, 3).
        public var colorType: Int
        public var bitDepth: Int
        /// True when the file carries alpha (an alpha channel or a PNG tRNS chunk).
        public var hasAlpha: Bool

        public init(mediaType: MediaType, colorType: Int, bitDepth: Int, hasAlpha: Bool) {
            self.mediaType = mediaType
            self.colorType = colorType
            self.bitDepth = bitDepth
            self.hasAlpha = hasAlpha
        }
    }

    public init(width: Int, height: Int, rgba: [UInt8], source: Source) {
        precondition(rgba.count == width * height * 4, "RGBA buffer size does not match the dimensions")
        self.width = width
        self.height = height
        self.rgba = rgba
        self.source = source
    }
}
