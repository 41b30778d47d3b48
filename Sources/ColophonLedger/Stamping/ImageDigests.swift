import ColophonCrypto
public import ColophonMedia

/// An image parsed, decoded where Colophon can, and digested every way the ledger binds and
/// finds records: the file's SHA-256, the pixel digest and PDQ hash of decoded pixels, and for
/// WebP (not decoded) the digest of its compressed bitstream.
public struct ImageDigests: Sendable {
    /// The subject digest name for WebP bitstreams.
    public static let webpBitstreamAlgorithm = "colophon-webp-bitstream-v1"

    public let file: ImageFile
    public let image: DecodedImage?
    public let fileSHA256: String
    public let pixels: String?
    public let pdq: PDQHash?
    public let bitstream: String?
    /// Why the pixels were not decoded, when they were not.
    public let undecoded: String?

    public init(bytes: [UInt8], name: String) throws(LedgerError) {
        do {
            file = try ImageFile(bytes: bytes)
        } catch {
            throw LedgerError(.badInput, "\(name): \(error.reason)")
        }
        fileSHA256 = SHA256.hash(bytes).hex
        var decoded: DecodedImage?
        var undecoded: String?
        do {
            decoded = try ImageDecoder.decode(bytes)
        } catch {
            guard file.mediaType == .webp, error.code == .unsupported else {
                throw LedgerError(.badInput, "\(name): \(error.reason)")
            }
            undecoded = error.reason
        }
        image = decoded
        self.undecoded = undecoded
        pixels = decoded.map { PixelDigest.digest(of: $0).hex }
        pdq = decoded.map { PDQHash(image: $0) }
        if case .webp(let webp) = file.container { bitstream = webp.bitstreamDigest } else { bitstream = nil }
    }

    /// The digests a record's subject carries.
    public var subjectDigest: [String: String] {
        var digest = ["sha256": fileSHA256]
        if let pixels { digest[Stamper.pixelDigestAlgorithm] = pixels }
        if let bitstream { digest[Self.webpBitstreamAlgorithm] = bitstream }
        return digest
    }

    /// Digests that survive metadata edits (pixels, or a WebP bitstream), to find an image
    /// whose file bytes changed.
    public var contentDigests: [(algorithm: String, value: String)] {
        var found: [(algorithm: String, value: String)] = []
        if let pixels { found.append((Stamper.pixelDigestAlgorithm, pixels)) }
        if let bitstream { found.append((Self.webpBitstreamAlgorithm, bitstream)) }
        return found
    }
}
