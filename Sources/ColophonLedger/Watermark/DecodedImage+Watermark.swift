public import ColophonMedia
public import ColophonWatermark

extension DecodedImage {
    /// The pixels as the watermark reads and writes them.
    public var watermarkPixels: RGBAPixels {
        get throws(LedgerError) {
            do {
                return try RGBAPixels(width: width, height: height, bytes: rgba)
            } catch {
                throw LedgerError(.badInput, error.reason)
            }
        }
    }

    /// The same image with other pixels (a marked copy).
    public func replacingPixels(_ pixels: RGBAPixels) -> DecodedImage {
        DecodedImage(width: pixels.width, height: pixels.height, rgba: pixels.bytes, source: source)
    }
}
