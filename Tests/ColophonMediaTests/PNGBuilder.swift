import ColophonMedia

/// Builds PNGs of any colour type and bit depth by hand (zlib stored blocks, no compression),
/// to test decoding and the pixel digest's definition against exact expected samples.
enum PNGBuilder {
    static func be32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> PNGChunk {
        PNGChunk(type: type, data: data[...])
    }

    /// A zlib stream of stored (uncompressed) blocks.
    static func storedZlib(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, data.count - offset)
            let final: UInt8 = offset + count == data.count ? 1 : 0
            out += [final, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            out += data[offset..<(offset + count)]
            offset += count
        } while offset < data.count
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return out + be32(b << 16 | a)
    }

    /// A PNG of `rows` of already-packed samples (filter byte 0 is added per row).
    static func png(
        width: Int,
        height: Int,
        bitDepth: UInt8,
        colorType: UInt8,
        rows: [[UInt8]],
        extra: [PNGChunk] = []
    ) -> [UInt8] {
        let header = be32(UInt32(width)) + be32(UInt32(height)) + [bitDepth, colorType, 0, 0, 0]
        var raw: [UInt8] = []
        for row in rows { raw += [0] + row }
        // PNGFile writes the lengths and CRCs; the chunks' contents are ours.
        let chunks = [chunk("IHDR", header)] + extra + [chunk("IDAT", storedZlib(raw)), chunk("IEND", [])]
        return PNGFile(chunks: chunks).serialized()
    }
}
