import ColophonCrypto
import ColophonMedia
import Foundation
import Testing

/// Every row of the conversion table in docs/pixel-digest.md, on hand-built PNGs.
@Suite struct PixelDigestTests {
    static func rgba(_ bytes: [UInt8]) throws -> [UInt8] {
        try ImageDecoder.decode(bytes).rgba
    }

    @Test func greyscaleReplicatesAndLowBitDepthsScale() throws {
        // 1-bit grey: 1 → 255, 0 → 0; four pixels in one byte 1010xxxx.
        let oneBit = PNGBuilder.png(width: 4, height: 1, bitDepth: 1, colorType: 0, rows: [[0b1010_0000]])
        #expect(try Self.rgba(oneBit) == [255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 255])
        // 2-bit grey: 0,1,2,3 → 0,85,170,255.
        let twoBit = PNGBuilder.png(width: 4, height: 1, bitDepth: 2, colorType: 0, rows: [[0b0001_1011]])
        #expect(try Self.rgba(twoBit).enumerated().filter { $0.offset % 4 == 0 }.map(\.element) == [0, 85, 170, 255])
        // 8-bit grey + alpha.
        let greyAlpha = PNGBuilder.png(width: 1, height: 1, bitDepth: 8, colorType: 4, rows: [[77, 9]])
        #expect(try Self.rgba(greyAlpha) == [77, 77, 77, 9])
    }

    @Test func sixteenBitSamplesRound() throws {
        // 0x8080 → 128 (rounded), 0x00FF → 1 (rounds up; truncation would give 0), 0xFFFF → 255.
        let rgb16 = PNGBuilder.png(
            width: 1,
            height: 1,
            bitDepth: 16,
            colorType: 2,
            rows: [[0x80, 0x80, 0x00, 0xFF, 0xFF, 0xFF]]
        )
        #expect(try Self.rgba(rgb16) == [128, 1, 255, 255])
    }

    @Test func paletteAndTransparency() throws {
        let palette = PNGBuilder.chunk("PLTE", [255, 0, 0, 0, 255, 0])
        let trns = PNGBuilder.chunk("tRNS", [128])
        let indexed = PNGBuilder.png(
            width: 2,
            height: 1,
            bitDepth: 8,
            colorType: 3,
            rows: [[0, 1]],
            extra: [palette, trns]
        )
        #expect(try Self.rgba(indexed) == [255, 0, 0, 128, 0, 255, 0, 255])
        // Truecolour with a tRNS colour: that colour is transparent, others opaque.
        let key = PNGBuilder.chunk("tRNS", [0, 10, 0, 20, 0, 30])
        let keyed = PNGBuilder.png(
            width: 2,
            height: 1,
            bitDepth: 8,
            colorType: 2,
            rows: [[10, 20, 30, 10, 20, 31]],
            extra: [key]
        )
        #expect(try Self.rgba(keyed) == [10, 20, 30, 0, 10, 20, 31, 255])
    }

    @Test func digestIsTheDocumentedHash() throws {
        let image = PNGBuilder.png(width: 2, height: 1, bitDepth: 8, colorType: 2, rows: [[1, 2, 3, 4, 5, 6]])
        let decoded = try ImageDecoder.decode(image)
        let expected = SHA256.hash(
            Array("colophon-pixels-v1".utf8) + [0, 0, 0, 2, 0, 0, 0, 1] + [1, 2, 3, 255, 4, 5, 6, 255]
        )
        #expect(PixelDigest.digest(of: decoded) == expected)
        // The same pixels as RGBA with opaque alpha, compressed differently, digest alike.
        let rgba = PNGBuilder.png(width: 2, height: 1, bitDepth: 8, colorType: 6, rows: [[1, 2, 3, 255, 4, 5, 6, 255]])
        #expect(PixelDigest.digest(of: try ImageDecoder.decode(rgba)) == expected)
        #expect(PixelDigest.digest(of: try ImageDecoder.decode(try PNGEncoder.encode(decoded))) == expected)
    }

    @Test func decompressionBombsAreRefusedFromTheHeader() throws {
        let wide = PNGBuilder.png(width: 100_000, height: 100_000, bitDepth: 8, colorType: 6, rows: [[]])
        #expect {
            try ImageDecoder.decode(wide)
        } throws: { ($0 as? MediaError)?.code == .tooLarge && "\($0)".contains("100000×100000") }
        let tall = PNGBuilder.png(width: 1, height: 40_000, bitDepth: 8, colorType: 0, rows: [[0]])
        #expect(throws: MediaError.self) { try ImageDecoder.decode(tall) }
        // A JPEG whose frame header claims 65000×65000.
        var jpeg = Array(try Data(contentsOf: ContainerTests.synth.appendingPathComponent("a1111_s2.jpg")))
        let sof = try #require(
            (0..<(jpeg.count - 9)).first { jpeg[$0] == 0xFF && (jpeg[$0 + 1] == 0xC0 || jpeg[$0 + 1] == 0xC2) }
        )
        jpeg[sof + 5] = 0xFD
        jpeg[sof + 6] = 0xE8
        jpeg[sof + 7] = 0xFD
        jpeg[sof + 8] = 0xE8
        #expect {
            try ImageDecoder.decode(jpeg)
        } throws: { ($0 as? MediaError)?.code == .tooLarge }
    }

    @Test func truncatedImagesAreErrors() throws {
        let png = Array(try Data(contentsOf: ContainerTests.synth.appendingPathComponent("a1111_s1.png")))
        let jpeg = Array(try Data(contentsOf: ContainerTests.synth.appendingPathComponent("a1111_s2.jpg")))
        for cut in [png.count / 2, png.count - 13, 40] {
            #expect(throws: MediaError.self) { try ImageDecoder.decode(Array(png.prefix(cut))) }
        }
        for cut in [jpeg.count / 2, jpeg.count - 2, 200] {
            #expect(throws: MediaError.self) { try ImageDecoder.decode(Array(jpeg.prefix(cut))) }
        }
    }
}
