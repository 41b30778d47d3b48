/// Writes 8-bit RGBA pixels as a PNG: enough for sample data, tests and re-encoded copies.
/// Rows use the Up filter, which suits the smooth images Colophon generates for itself.
public enum PNGEncoder {
    /// With `alpha` false the alpha channel is dropped (colour type 2, as most generators
    /// write their outputs).
    public static func encode(_ image: DecodedImage, alpha: Bool = true, level: Int32 = 9) throws(MediaError) -> [UInt8]
    {
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
            PNGChunk(type: "IDAT", data: try Zlib.deflate(filtered, level: level)[...]),
            PNGChunk(type: "IEND", data: []),
        ]
        return PNGFile(chunks: chunks).serialized()
    }

    /// The chunks kept from an original PNG when its pixels are written anew: text, EXIF,
    /// colour and resolution information. Chunks tied to the old pixel format (palette,
    /// transparency key, significant bits, background) and signatures over the old bytes (C2PA)
    /// are left behind.
    static let keptChunks: Set<String> = [
        "tEXt", "zTXt", "iTXt", "eXIf", "iCCP", "sRGB", "gAMA", "cHRM", "pHYs", "tIME",
    ]

    /// New pixels for an image file, as a PNG that keeps the original's metadata: a PNG's text,
    /// EXIF and colour chunks; a JPEG's or WebP's EXIF (as `eXIf`) and XMP (as the XMP text
    /// chunk). For a marked copy of a generator's output, whose parameters must stay readable.
    public static func encode(
        _ image: DecodedImage,
        alpha: Bool,
        keepingMetadataOf original: ImageFile,
        level: Int32 = 6
    ) throws(MediaError) -> [UInt8] {
        var png = try PNGFile(bytes: encode(image, alpha: alpha, level: level))
        var kept: [PNGChunk] = []
        switch original.container {
        case .png(let source):
            kept = source.chunks.filter { keptChunks.contains($0.type) }
        case .jpeg, .webp:
            if let exif = original.exifBytes { kept.append(PNGChunk(type: "eXIf", data: exif[...])) }
            if let xmp = original.xmp {
                kept.append(
                    try PNGFile.encodeText(
                        PNGText(keyword: XMPPacket.pngKeyword, text: xmp, kind: .internationalText)
                    )
                )
            }
        }
        png.chunks.insert(contentsOf: kept, at: 1)
        return png.serialized()
    }
}
