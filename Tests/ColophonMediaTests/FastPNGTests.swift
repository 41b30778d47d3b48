import ColophonMedia
import Foundation
import Testing

/// The libdeflate fast path gives exactly libpng's pixels, on real files (every filter type
/// Pillow and generators choose) and on hostile ones, where it must hand over to libpng.
@Suite struct FastPNGTests {
    static let roots = [
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/gen-metadata").standardized,
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/pdq/derived").standardized,
    ]

    static func pngs() throws -> [URL] {
        var found: [URL] = []
        for root in roots {
            let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            while let url = walker?.nextObject() as? URL {
                if url.pathExtension == "png" { found.append(url) }
            }
        }
        return found
    }

    @Test func sameSamplesAsLibpngOnEveryFixture() throws {
        let files = try Self.pngs()
        #expect(files.count >= 30)
        var fast = 0
        for url in files {
            let bytes = Array(try Data(contentsOf: url))
            let reference = try ImageDecoder.decodeWithLibpng(bytes)
            let decoded = try ImageDecoder.decode(bytes)
            #expect(decoded.rgba == reference.rgba, "\(url.lastPathComponent)")
            #expect(decoded.width == reference.width && decoded.height == reference.height)
            #expect(decoded.source == reference.source, "\(url.lastPathComponent)")
            if let quick = ImageDecoder.decodeFastPath(bytes) {
                fast += 1
                #expect(quick.rgba == reference.rgba)
            }
        }
        // Most generator outputs take the fast path (the rest: palettes, grey, 16-bit, tRNS).
        #expect(fast >= files.count / 2, "\(fast) of \(files.count)")
    }

    @Test(arguments: [UInt8(0), 1, 2, 3, 4])
    func everyFilterType(filter: UInt8) throws {
        // Random bytes under a given filter type are a valid (if odd) encoding; both decoders
        // must agree on what it means.
        let base = PNGBuilder.png(
            width: 5,
            height: 9,
            bitDepth: 8,
            colorType: 2,
            rows: Array(repeating: [UInt8](repeating: 0, count: 15), count: 9)
        )
        let png = Self.settingFilter(filter, in: base, rows: 9, stride: 15)
        let reference = try ImageDecoder.decodeWithLibpng(png)
        let quick = try #require(ImageDecoder.decodeFastPath(png))
        #expect(quick.rgba == reference.rgba)
    }

    /// Rewrites the filter byte of every row (the IDAT is stored, so bytes sit in place).
    static func settingFilter(_ filter: UInt8, in png: [UInt8], rows: Int, stride: Int) -> [UInt8] {
        var raw: [UInt8] = []
        var state: UInt32 = 7
        for _ in 0..<rows {
            raw.append(filter)
            for _ in 0..<stride {
                state = state &* 1_664_525 &+ 1_013_904_223
                raw.append(UInt8(truncatingIfNeeded: state >> 24))
            }
        }
        let header = Array(png[16..<29])
        let chunks = [
            PNGBuilder.chunk("IHDR", header), PNGBuilder.chunk("IDAT", PNGBuilder.storedZlib(raw)),
            PNGBuilder.chunk("IEND", []),
        ]
        return PNGFile(chunks: chunks).serialized()
    }

    @Test func oddFilesFallBackToLibpng() throws {
        let rows: [[UInt8]] = [[1, 2, 3, 4, 5, 6]]
        let good = PNGBuilder.png(width: 2, height: 1, bitDepth: 8, colorType: 2, rows: rows)
        // Unknown filter type 7: libpng's error, not a guess.
        let idat = try #require((0..<(good.count - 4)).first { good[$0..<($0 + 4)].elementsEqual("IDAT".utf8) })
        let badFilter = Self.settingFilter(7, in: good, rows: 1, stride: 6)
        #expect(ImageDecoder.decodeFastPath(badFilter) == nil)
        #expect(throws: MediaError.self) { try ImageDecoder.decode(badFilter) }
        // A flipped byte inside IDAT: the CRC no longer matches.
        var flipped = good
        flipped[idat + 8] ^= 0x01
        #expect(ImageDecoder.decodeFastPath(flipped) == nil)
        #expect(throws: MediaError.self) { try ImageDecoder.decode(flipped) }
        // Too little image data.
        let short = PNGBuilder.png(width: 2, height: 2, bitDepth: 8, colorType: 2, rows: rows)
        #expect(ImageDecoder.decodeFastPath(short) == nil)
        #expect(throws: MediaError.self) { try ImageDecoder.decode(short) }
    }
}
