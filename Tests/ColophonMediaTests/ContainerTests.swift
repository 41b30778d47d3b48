import ColophonMedia
import Foundation
import Testing

@Suite struct ContainerTests {
    static let synth = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/gen-metadata/synth").standardized

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: synth.appendingPathComponent(name)))
    }

    @Test func pngTextChunksDecodeAndRoundTrip() throws {
        let png = try PNGFile(bytes: try Self.bytes("a1111_s1.png"))
        let parameters = try #require(png.texts.first { $0.keyword == "parameters" })
        #expect(parameters.kind == .text)
        #expect(parameters.text.hasPrefix("masterpiece, best quality, 1girl, watercolor"))
        #expect(try PNGFile(bytes: png.serialized()).texts == png.texts)
    }

    @Test func badCRCIsRefused() throws {
        var bytes = try Self.bytes("a1111_s1.png")
        bytes[40] ^= 0xFF
        #expect(throws: MediaError.self) { try PNGFile(bytes: bytes) }
    }

    @Test func xmpEmbedsAndReadsBack() throws {
        let file = try ImageFile(bytes: try Self.bytes("a1111_s2.jpg"))
        var credential = ContentCredential(
            digitalSourceType: ContentCredential.digitalSourceTypeBase + "trainedAlgorithmicMedia",
            recordID: "sha256:" + String(repeating: "ab", count: 32)
        )
        credential.aigc = AIGCLabel(label: "1", contentProducer: "Example & Co")
        let packet = try XMPPacket.packet(for: credential, mergingInto: file.xmp)
        let stamped = try ImageFile(bytes: try file.embeddingXMP(packet))
        #expect(try XMPPacket.credential(in: try #require(stamped.xmp)) == credential)
        #expect(stamped.exifBytes == file.exifBytes)
    }
}
