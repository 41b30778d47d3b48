import ColophonCrypto

extension WebPFile {
    /// The chunks that carry the picture, as opposed to metadata.
    static let bitstreamChunks: Set<String> = ["VP8 ", "VP8L", "ALPH", "ANIM", "ANMF"]

    /// A digest of the compressed picture alone: SHA-256 over `colophon-webp-bitstream-v1`
    /// then, for each `VP8 `, `VP8L`, `ALPH`, `ANIM` and `ANMF` chunk in file order, its
    /// four-character code, its length as a 32-bit big-endian integer and its payload.
    /// Adding or changing EXIF or XMP leaves it unchanged, so it binds a record to a WebP
    /// image that Colophon cannot decode to pixels.
    public var bitstreamDigest: String {
        var hasher = SHA256Hasher()
        hasher.update(Array("colophon-webp-bitstream-v1".utf8))
        for chunk in chunks where Self.bitstreamChunks.contains(chunk.fourCC) {
            let length = UInt32(chunk.data.count)
            hasher.update(
                chunk.name + [
                    UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF),
                ]
            )
            hasher.update(Array(chunk.data))
        }
        return hasher.finalize().hex
    }
}
