import ColophonMedia
import Foundation
import Testing

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
