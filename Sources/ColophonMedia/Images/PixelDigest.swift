public import ColophonCrypto

/// The SHA-256 of an image's decoded pixels, which survives metadata stripping and lossless
/// re-encoding (PNG re-saved by another tool, chunk order changed, different compression).
///
/// Definition (docs/pixel-digest.md): SHA-256 over the ASCII bytes `colophon-pixels-v1`, the
/// width and height as 32-bit big-endian integers, then the pixels as 8-bit RGBA in row order
/// from the top left. PNG palettes expand through the palette, grey replicates to R=G=B,
/// `tRNS` becomes alpha, 16-bit samples scale to 8 bits with rounding, and an image without
/// alpha gets A=255. JPEG is decoded by libjpeg with the accurate integer IDCT and fancy
/// upsampling. No gamma, ICC profile or EXIF orientation is applied.
public enum PixelDigest {
    static let domain = Array("colophon-pixels-v1".utf8)

    public static func digest(of image: DecodedImage) -> SHA256Digest {
        var header = domain
        header.appendBE(UInt32(image.width))
        header.appendBE(UInt32(image.height))
        var hasher = SHA256Hasher()
        hasher.update(header)
        hasher.update(image.rgba)
        return hasher.finalize()
    }
}
