import Foundation
import Testing

@testable import ColophonMedia

/// Containers and EXIF on broken and hostile bytes: errors, never traps or hangs.
@Suite struct ContainerHostileTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: ContainerTests.synth.appendingPathComponent(name)))
    }

    @Test func exifLoopsAndWildOffsets() throws {
        // IFD0 at 8 whose next-IFD pointer is 8 again: a loop.
        let loop: [UInt8] = [0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0, 0, 0, 0, 0, 8]
        _ = try? ExifData(bytes: loop)
        // An entry whose value offset points far past the end.
        let wild: [UInt8] = [
            0x49, 0x49, 42, 0, 8, 0, 0, 0, 1, 0, 0x0E, 0x01, 2, 0, 0xFF, 0xFF, 0, 0, 0xF0, 0xFF, 0xFF, 0x7F, 0, 0, 0, 0,
        ]
        #expect(throws: MediaError.self) { try ExifData(bytes: wild) }
        // A huge entry count.
        let many: [UInt8] = [0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0xFF, 0xFF]
        #expect(throws: MediaError.self) { try ExifData(bytes: many) }
        for bytes in [[], [0x4D, 0x4D], [0x41, 0x41, 0, 42, 0, 0, 0, 8], [0x4D, 0x4D, 0, 43, 0, 0, 0, 8]] as [[UInt8]] {
            #expect(throws: MediaError.self) { try ExifData(bytes: bytes) }
        }
    }

    @Test func userCommentEncodings() {
        #expect(UserComment.decode(Array("ASCII\0\0\0hello".utf8), bigEndian: true) == "hello")
        #expect(UserComment.decode(UserComment.encodeUnicode("雪 fox"), bigEndian: false) == "雪 fox")
        var littleEndian = Array("UNICODE\0".utf8)
        for unit in "雪 fox".utf16 { littleEndian += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(UserComment.decode(littleEndian, bigEndian: false) == "雪 fox")
        #expect(UserComment.decode(Array("{\"prompt\": 1}".utf8), bigEndian: true) == "{\"prompt\": 1}")
        // A lone surrogate becomes U+FFFD, not a trap.
        #expect(UserComment.decode(Array("UNICODE\0".utf8) + [0xD8, 0x00, 0x00, 0x41], bigEndian: true) == "\u{FFFD}A")
    }

    @Test func jpegSegmentsBeyondTheEnd() throws {
        let jpeg = try Self.fixture("a1111_s2.jpg")
        // The first segment after SOI claims 65535 bytes.
        var long = jpeg
        long[4] = 0xFF
        long[5] = 0xFF
        #expect(throws: MediaError.self) { try JPEGFile(bytes: long) }
        #expect(throws: MediaError.self) { try JPEGFile(bytes: [0xFF, 0xD8, 0xFF]) }
        #expect(throws: MediaError.self) { try JPEGFile(bytes: [0xFF, 0xD8, 0xFF, 0xD9]) }
        #expect(throws: MediaError.self) { try JPEGFile(bytes: [0xFF, 0xD8, 0x00, 0x00]) }
    }

    @Test func webpChunksBeyondTheEnd() throws {
        let webp = try Self.fixture("a1111_s2.webp")
        #expect(throws: MediaError.self) { try WebPFile(bytes: Array(webp.prefix(webp.count - 10))) }
        var wild = webp
        // The first chunk's size field (bytes 16…19) claims 2 GB.
        wild[16] = 0xFF
        wild[17] = 0xFF
        wild[18] = 0xFF
        wild[19] = 0x7F
        #expect(throws: MediaError.self) { try WebPFile(bytes: wild) }
        #expect(throws: MediaError.self) { try WebPFile(bytes: Array("RIFF\0\0\0\0WEBP".utf8)) }
    }

    @Test func webpEmbeddingKeepsTheBitstream() throws {
        let webp = try WebPFile(bytes: try Self.fixture("comfyui_s1.webp"))
        var embedded = webp
        try embedded.setXMP("<x:xmpmeta xmlns:x='adobe:ns:meta/'/>")
        let reread = try WebPFile(bytes: embedded.serialized())
        #expect(reread.xmp == "<x:xmpmeta xmlns:x='adobe:ns:meta/'/>")
        #expect(reread.bitstreamDigest == webp.bitstreamDigest)
        #expect(reread.exif == webp.exif)
        #expect(reread.dimensions?.width == 64)
    }

    @Test func pngChunksBeyondTheEndAndTextBombs() throws {
        let png = try Self.fixture("a1111_s1.png")
        var long = png
        // IHDR's length field claims 2 GB.
        long[8] = 0x7F
        #expect(throws: MediaError.self) { try PNGFile(bytes: long) }
        #expect(throws: MediaError.self) { try PNGFile(bytes: Array(png.prefix(20))) }
        // A zTXt chunk that inflates past the text limit is reported, not expanded.
        var chunk = Array("bomb".utf8) + [0, 0]
        chunk += PNGBuilder.storedZlib([UInt8](repeating: 0x41, count: PNGFile.maxTextBytes + 1))
        var file = try PNGFile(bytes: png)
        file.chunks.insert(PNGChunk(type: "zTXt", data: chunk[...]), at: 1)
        var problems: [String] = []
        let texts = file.texts(problems: &problems)
        #expect(texts.map(\.keyword) == ["parameters"])
        #expect(problems.count == 1 && problems[0].hasPrefix("zTXt"))
    }

    /// 260 zTXt chunks each inflating to just under the per-chunk limit: once inflated in full
    /// (4 GB, minutes). Now the file's text shares one budget, and reading the XMP packet
    /// inflates nothing but the XMP chunk.
    @Test func manyTextBombsShareOneBudget() throws {
        let bomb = try Zlib.deflate([UInt8](repeating: 0x41, count: PNGFile.maxTextBytes - 1))
        var file = try PNGFile(bytes: try Self.fixture("a1111_s1.png"))
        for index in 0..<260 {
            let chunk = Array("bomb\(index)".utf8) + [0, 0] + bomb
            file.chunks.insert(PNGChunk(type: "zTXt", data: chunk[...]), at: 1)
        }
        let image = try ImageFile(bytes: file.serialized())
        let clock = ContinuousClock()
        var started = clock.now
        #expect(image.xmp == nil)
        #expect(clock.now - started < .seconds(1))
        started = clock.now
        var problems: [String] = []
        let texts = image.texts(problems: &problems)
        #expect(clock.now - started < .seconds(20))
        let inflated = texts.filter { $0.kind == .compressedText }.reduce(0) { $0 + $1.text.utf8.count }
        #expect(inflated <= PNGFile.maxTotalTextBytes)
        #expect(texts.contains { $0.keyword == "parameters" })
        #expect(problems.count >= 250)
    }

    /// A WebP chunk whose name is not UTF-8: once read as text and written back as 12 bytes,
    /// making a file no decoder opens. Names are bytes, and embedding reads its output back.
    @Test func webpChunkNamesAreBytes() throws {
        var bytes = try Self.fixture("comfyui_s1.webp")
        let strange: [UInt8] = [0xFF, 0xFE, 0x80, 0x41]
        bytes += strange + [2, 0, 0, 0, 0xAB, 0xCD]
        let riffSize = UInt32(bytes.count - 8)
        for shift in 0..<4 { bytes[4 + shift] = UInt8(truncatingIfNeeded: riffSize >> (8 * UInt32(shift))) }
        let webp = try WebPFile(bytes: bytes)
        #expect(webp.chunks.last?.name == strange)
        #expect(webp.serialized() == bytes)
        let embedded = try ImageFile(bytes: bytes).embeddingXMP("<x:xmpmeta xmlns:x='adobe:ns:meta/'/>")
        let reread = try WebPFile(bytes: embedded)
        #expect(reread.chunks.contains { $0.name == strange && Array($0.data) == [0xAB, 0xCD] })
        #expect(reread.bitstreamDigest == webp.bitstreamDigest)
    }

    /// A 3 KB JPEG whose header claims 10000×10000 pixels: libjpeg would invent the missing
    /// 100 megapixels as grey. Refused at once, by comparing the data present with what the
    /// header needs.
    @Test func aJPEGClaimingMorePixelsThanItsDataHoldsIsRefused() throws {
        var jpeg = try Self.fixture("a1111_s2.jpg")
        let frame = try #require(
            jpeg.indices.dropLast(9).first { jpeg[$0] == 0xFF && (jpeg[$0 + 1] == 0xC0 || jpeg[$0 + 1] == 0xC2) }
        )
        // SOF: marker, length (2), precision (1), height (2), width (2).
        jpeg[frame + 5] = 0x27
        jpeg[frame + 6] = 0x10
        jpeg[frame + 7] = 0x27
        jpeg[frame + 8] = 0x10
        let clock = ContinuousClock()
        let started = clock.now
        #expect { try ImageDecoder.decode(jpeg) } throws: { error in
            (error as? MediaError)?.code == .truncated && "\(error)".contains("10000x10000")
        }
        #expect(clock.now - started < .seconds(1))
        // Cut short inside the scan: the decode stops at the first invented row.
        let original = try Self.fixture("a1111_s2.jpg")
        let scan = try #require(original.indices.dropLast().last { original[$0] == 0xFF && original[$0 + 1] == 0xDA })
        #expect { try ImageDecoder.decode(Array(original.prefix((scan + original.count) / 2))) } throws: { error in
            (error as? MediaError)?.code == .truncated
        }
    }

    @Test func xmpAttributeFormIsRead() throws {
        let packet = """
            <x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>
            <rdf:Description rdf:about='' xmlns:Iptc4xmpExt='http://iptc.org/std/Iptc4xmpExt/2008-02-29/' \
            Iptc4xmpExt:DigitalSourceType='https://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia'/>
            </rdf:RDF></x:xmpmeta>
            """
        let credential = try #require(try XMPPacket.credential(in: packet))
        #expect(credential.digitalSourceTypeTerm == "compositeWithTrainedAlgorithmicMedia")
        #expect(throws: MediaError.self) { try XMPPacket.credential(in: "<x:xmpmeta><rdf:RDF>") }
    }
}
