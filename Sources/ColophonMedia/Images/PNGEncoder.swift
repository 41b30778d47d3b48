/// Writes 8-bit RGBA pixels as a PNG: enough for sample data, tests and re-encoded copies.
/// Rows use the Up filter, which suits the smooth images Colophon generates for itself.
public enum PNGEncoder {
    /// With `alpha` false the alpha channel is dropped (colour type 2, as most generators
    /// write their outputs).
    public static func encode(_ image: DecodedImage, alpha: Bool = true) throws(MediaError) -> [UInt8] {
        guard image.width > 0, image.height > 0, image.rgba.count == image.width * image.height * 4 else {
            throw MediaError(
                .malformed,
                "PNG encoder: \(image.rgba.count) bytes do not make \(image.width)×\(image.height) RGBA pixels"
            )
        }
        var header: [UInt8] = []
        header.appendBE(UInt32(image.width))
        header.appendBE(UInt32(image.height))
        header += [8, alpha ? 6 : 2, 0, 0, 0]
        let channels = alpha ? 4 : 3
        let rowBytes = image.width * channels
        var packed = image.rgba
        if !alpha {
            packed = []
            packed.reserveCapacity(image.width * image.height * 3)
            for index in stride(from: 0, to: image.rgba.count, by: 4) { packed += image.rgba[index..<(index + 3)] }
        }
        var filtered: [UInt8] = []
        filtered.reserveCapacity((rowBytes + 1) * image.height)
        for row in 0..<image.height {
            let start = row * rowBytes
            filtered.append(row == 0 ? 0 : 2)
            for column in 0..<rowBytes {
                let value = packed[start + column]
                filtered.append(row == 0 ? value : value &- packed[start - rowBytes + column])
            }
        }
        let chunks = [
            PNGChunk(type: "IHDR", data: header[...]),
            PNGChunk(type: "IDAT", data: try Zlib.deflate(filtered)[...]),
            PNGChunk(type: "IEND", data: []),
        ]
        return PNGFile(chunks: chunks).serialized()
    }
}
