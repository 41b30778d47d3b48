import ColophonWatermark

extension Stamper {
    /// A watermark put into an image's pixels: the id it carries and the marked copy's PSNR.
    struct Mark: Sendable {
        var id: WatermarkID
        var psnr: Double
    }
}
