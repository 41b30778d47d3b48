/// The constants of the watermark, version 1 (`org.colophon.watermark.1`). docs/watermark.md
/// gives their reasons; changing any of them is a new version, since marks already made would
/// no longer be read.
public enum WatermarkScheme {
    /// The name recorded in bindings and C2PA soft-binding assertions.
    public static let algorithm = "org.colophon.watermark.1"
    /// The version byte carried in every frame.
    public static let version: UInt8 = 1

    /// The tile's side in pixels: the pattern repeats with this period over the whole image.
    static let tile = 128
    /// A chip's side in pixels.
    static let chip = 4
    /// Chips per tile side.
    static let chipsPerSide = tile / chip
    /// Chips in a tile.
    static let chips = chipsPerSide * chipsPerSide

    /// Payload bits: the watermark id.
    static let payloadBits = 64
    /// Bits in a frame: payload, version byte, CRC-32.
    static let frameBits = payloadBits + 8 + 32
    /// Coded bits: the frame through the rate-1/3 convolutional code.
    static let codedBits = 3 * frameBits
    /// The same, for reports.
    public static var codedBitCount: Int { codedBits }
    /// Bits checked before a frame is believed (the version byte and the CRC): the false
    /// positive bound is the number of hypotheses decoded times 2^-40.
    static let checkBits = 40

    /// The synchronisation template's frequencies, in cycles per tile.
    static let templateFrequencies = 16
    static let templateRadius: ClosedRange<Double> = 5...12
    /// The template's share of the tile's energy; the payload chips have the rest.
    static let templateShare = 0.35

    /// Smoothing of the chip grid, applied circularly along rows and columns (sums to 16).
    static let chipKernel: [Float] = [1, 2, 3, 4, 3, 2, 1]

    /// Scales (relative to the marked image) and rotations the detector searches.
    static let scaleRange: ClosedRange<Double> = 0.45...1.65
    static let maxRotationDegrees = 8.0
}
