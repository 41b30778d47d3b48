/// An 8-bit RGBA image, row by row from the top left, four bytes per pixel: what generators hold
/// in memory and what decoders produce. The watermark changes R, G and B alike and never alpha.
public struct RGBAPixels: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `width * height * 4` bytes: R, G, B, A.
    public var bytes: [UInt8]

    /// - Throws: ``WatermarkError`` when the buffer does not hold `width × height` pixels.
    public init(width: Int, height: Int, bytes: [UInt8]) throws(WatermarkError) {
        guard width > 0, height > 0, width <= 1 << 16, height <= 1 << 16, bytes.count == width * height * 4 else {
            throw WatermarkError(
                .badImage,
                "\(bytes.count) bytes are not \(width)×\(height) RGBA pixels"
            )
        }
        self.width = width
        self.height = height
        self.bytes = bytes
    }

    /// Luminance, 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601).
    var luma: Plane { luma(rows: 0..<height, columns: 0..<width) }

    /// The luminance of a rectangle of the image (ranges clamped to it).
    func luma(rows: Range<Int>, columns: Range<Int>) -> Plane {
        let rows = rows.clamped(to: 0..<height)
        let columns = columns.clamped(to: 0..<width)
        let outWidth = columns.count
        var values = [Float](repeating: 0, count: outWidth * rows.count)
        bytes.withUnsafeBufferPointer { rgba in
            values.withUnsafeMutableBufferPointer { out in
                var index = 0
                for row in rows {
                    var source = 4 * (row * width + columns.lowerBound)
                    for _ in 0..<outWidth {
                        let r = Float(rgba[source])
                        let g = Float(rgba[source + 1])
                        let b = Float(rgba[source + 2])
                        out[index] = 0.299 * r + 0.587 * g + 0.114 * b
                        index += 1
                        source += 4
                    }
                }
            }
        }
        return Plane(width: outWidth, height: rows.count, values: values)
    }
}
