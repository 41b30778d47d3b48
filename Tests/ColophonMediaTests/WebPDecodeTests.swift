import Foundation
import Testing

@testable import ColophonMedia

/// WebP pixels through libwebp: lossless files give back exactly the pixels they were made from,
/// a lossy file exactly what another libwebp build decodes, and broken, hostile or animated files a
/// clear error before any large allocation.
@Suite struct WebPDecodeTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/webp").standardized

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// libwebp is part of the machine image this project builds on (and Tools/test installs it
    /// where missing): its absence is a failure here, not a skip.
    static var available: Bool {
        #expect(WebPLibrary.shared != nil, "libwebp (libwebp.so.7) was not found")
        return WebPLibrary.shared != nil
    }

    @Test(arguments: [("chelsea-lossless.webp", "chelsea.png"), ("chelsea-alpha-lossless.webp", "chelsea-alpha.png")])
    func losslessIsExact(webp: String, png: String) throws {
        guard Self.available else { return }
        let decoded = try ImageDecoder.decode(try Self.bytes(webp))
        let expected = try ImageDecoder.decode(try Self.bytes(png))
        #expect(decoded.width == 320 && decoded.height == 240)
        #expect(decoded.rgba == expected.rgba)
        #expect(decoded.source.mediaType == .webp)
        #expect(decoded.source.hasAlpha == expected.source.hasAlpha)
        #expect(PixelDigest.digest(of: decoded) == PixelDigest.digest(of: expected))
    }

    @Test func lossyMatchesAnotherLibwebpBuild() throws {
        guard Self.available else { return }
        let decoded = try ImageDecoder.decode(try Self.bytes("chelsea-q80.webp"))
        let pillow = try ImageDecoder.decode(try Self.bytes("chelsea-q80-decoded.png"))
        #expect(decoded.width == pillow.width && decoded.height == pillow.height)
        // libwebp 1.2.4 (Debian) and 1.6.0 (Pillow's) decode this bitstream to the same bytes.
        let differing = zip(decoded.rgba, pillow.rgba).filter { $0 != $1 }.count
        #expect(differing == 0, "\(differing) samples differ")
        #expect(!decoded.source.hasAlpha)
        // And PDQ sees the same picture.
        #expect(PDQHash(image: decoded).distance(to: PDQHash(image: pillow)) <= 4)
    }

    @Test func lossyWithAlphaKeepsItsAlphaPlane() throws {
        guard Self.available else { return }
        // VP8X + ALPH (lossless alpha) + VP8: the alpha plane comes back exactly.
        let decoded = try ImageDecoder.decode(try Self.bytes("chelsea-alpha-q80.webp"))
        let source = try ImageDecoder.decode(try Self.bytes("chelsea-alpha.png"))
        #expect(decoded.source.hasAlpha)
        let alpha = stride(from: 3, to: decoded.rgba.count, by: 4).map { decoded.rgba[$0] }
        let expected = stride(from: 3, to: source.rgba.count, by: 4).map { source.rgba[$0] }
        #expect(alpha == expected)
    }

    @Test func brokenFilesAreErrors() throws {
        guard Self.available else { return }
        let good = try Self.bytes("chelsea-q80.webp")
        // Cut anywhere: the container or libwebp says so; never a crash, never a half image.
        for length in [12, 20, 30, 40, 100, good.count / 2, good.count - 1] {
            #expect(throws: MediaError.self) { try ImageDecoder.decode(Array(good.prefix(length))) }
        }
        // Garbage where the bitstream belongs.
        var scrambled = good
        for index in 40..<scrambled.count { scrambled[index] = UInt8(truncatingIfNeeded: index &* 131) }
        #expect(throws: MediaError.self) { try ImageDecoder.decode(scrambled) }
        #expect(throws: MediaError.self) { try ImageDecoder.decode(try Self.bytes("animated.webp")) }
    }

    @Test func limitsAreCheckedFromTheHeader() throws {
        guard Self.available else { return }
        let good = try Self.bytes("chelsea-lossless.webp")
        let small = DecodeLimits(maxWidth: 100, maxHeight: 100, maxPixels: 10_000)
        do {
            _ = try ImageDecoder.decode(good, limits: small)
            Issue.record("a 320 × 240 WebP passed a 100 × 100 limit")
        } catch {
            #expect(error.code == .tooLarge)
            #expect(error.reason.contains("320×240"))
        }
    }
}
