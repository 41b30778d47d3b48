import ColophonMedia
import Foundation
import Testing

@testable import ColophonLedger

/// WebP files are bound by their pixels where libwebp decodes them and by their bitstream
/// always, so a WebP whose pixels cannot be decoded is still bound, not refused.
@Suite struct ImageDigestsWebPTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/webp").standardized

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    @Test func aDecodedWebPHasEveryBinding() throws {
        let digests = try ImageDigests(bytes: try Self.bytes("chelsea-q80.webp"), name: "chelsea-q80.webp")
        #expect(digests.pixels != nil)
        #expect(digests.pdq != nil)
        #expect(digests.bitstream != nil)
        #expect(digests.undecoded == nil)
    }

    @Test func anUndecodableWebPIsBoundByItsBitstream() throws {
        // Animated: libwebp's simple decoder does not take it.
        let animated = try ImageDigests(bytes: try Self.bytes("animated.webp"), name: "animated.webp")
        #expect(animated.pixels == nil)
        #expect(animated.bitstream != nil)
        #expect(animated.undecoded?.contains("animated") == true)
        // A bitstream libwebp refuses, in a container that parses.
        var broken = try Self.bytes("chelsea-q80.webp")
        for index in 40..<broken.count { broken[index] = UInt8(truncatingIfNeeded: index &* 131) }
        let refused = try ImageDigests(bytes: broken, name: "broken.webp")
        #expect(refused.pixels == nil)
        #expect(refused.bitstream != nil)
        #expect(refused.undecoded != nil)
    }
}
