/// Writes 8-bit RGBA pixels as a PNG: enough for sample data, tests and re-encoded copies.
/// Rows use the Up filter, which suits the smooth images Colophon generates for itself.
public enum PNGEncoder {
    public static func encode(_ image: DecodedImage) throws(MediaError) -> [UInt8] {
        guard image.width > 0, image.height > 0, image.rgba.count == image.width * image.height * 4 else {
            throw MediaError(
                .malformed,
                "PNG encoder: \(image.rgba.count) bytes do not make \(image.width)×\(image.height) RGBA pixels"
            )
        }
        var header: [UInt8] = []
        header.appendBE(UInt32(image.width))
        header.appendBE(UInt32(image.height))
        header += [8, 6, 0, 0, 0]
        let stride = image.width * 4
        var filtered: [UInt8] = []
        filtered.reserveCapacity((stride + 1) * image.height)
        for row in 0..<image.height {
            let start = row * stride
            filtered.append(row == 0 ? 0 : 2)
            for column in 0..<stride {
                let value = image.rgba[start + column]
                filtered.append(row == 0 ? value : value &- image.rgba[start - stride + column])
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
