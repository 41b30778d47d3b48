import ColophonCrypto
public import ColophonMedia
import Foundation

/// An image parsed, decoded where Colophon can, and digested every way the ledger binds and
/// finds records: the file's SHA-256, the pixel digest and PDQ hash of decoded pixels, and for
/// WebP the digest of its compressed bitstream — the binding that remains when its pixels cannot
/// be decoded (animated, beyond the limits, no libwebp, a bitstream libwebp refuses).
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

    /// `fileSHA256`, when the caller has it already, is not computed again.
    public init(bytes: [UInt8], name: String, fileSHA256 known: String? = nil) throws(LedgerError) {
        do {
            file = try ImageFile(bytes: bytes)
        } catch {
            throw LedgerError(.badInput, "\(name): \(error.reason)")
        }
        // Two lanes: decoding on one core while the other hashes the file; then the pixel
        // digest and PDQ, which both read the decoded pixels, side by side.
        let lanes = Lanes()
        DispatchQueue.concurrentPerform(iterations: known == nil ? 2 : 1) { lane in
            if lane == 0 {
                lanes.decoded = Result { () throws(MediaError) in try ImageDecoder.decode(bytes) }
            } else {
                lanes.fileSHA256 = SHA256.hash(bytes).hex
            }
        }
        fileSHA256 = known ?? lanes.fileSHA256
        switch lanes.decoded {
        case .success(let decoded):
            image = decoded
            undecoded = nil
            DispatchQueue.concurrentPerform(iterations: 2) { lane in
                if lane == 0 {
                    lanes.pixels = PixelDigest.digest(of: decoded).hex
                } else {
                    lanes.pdq = PDQHash(image: decoded)
                }
            }
            pixels = lanes.pixels
            pdq = lanes.pdq
        case .failure(let error):
            // A WebP whose container parses is still bound by its bitstream, as it was before
            // WebP pixels were decoded: records made then must still be found from the file.
            guard file.mediaType == .webp else {
                throw LedgerError(.badInput, "\(name): \(error.reason)")
            }
            image = nil
            undecoded = error.reason
            pixels = nil
            pdq = nil
        case nil:
            throw LedgerError(.internalError, "\(name): the decoder did not run")
        }
        if case .webp(let webp) = file.container { bitstream = webp.bitstreamDigest } else { bitstream = nil }
    }

    /// The digests of pixels already decoded (or made in memory) and the file that holds them:
    /// nothing is decoded again.
    public init(file: ImageFile, bytes: [UInt8], image decoded: DecodedImage) {
        self.file = file
        image = decoded
        undecoded = nil
        bitstream = nil
        let lanes = Lanes()
        DispatchQueue.concurrentPerform(iterations: 3) { lane in
            switch lane {
            case 0: lanes.pixels = PixelDigest.digest(of: decoded).hex
            case 1: lanes.pdq = PDQHash(image: decoded)
            default: lanes.fileSHA256 = SHA256.hash(bytes).hex
            }
        }
        fileSHA256 = lanes.fileSHA256
        pixels = lanes.pixels
        pdq = lanes.pdq
    }

    /// Results written by the parallel lanes, each field by one lane only.
    private final class Lanes: @unchecked Sendable {
        var decoded: Result<DecodedImage, MediaError>?
        var fileSHA256 = ""
        var pixels: String?
        var pdq: PDQHash?
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
