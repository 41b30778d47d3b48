import ColophonCrypto
import ColophonLedger
import ColophonMedia
import ColophonRecords
import ColophonStorage
import ColophonWatermark
import Foundation
import Testing

/// Stamping pixels a generator holds in memory, marked first: one PNG encode, and a record that
/// binds the published pixels and carries the watermark id.
@Suite struct WatermarkStampingTests {
    @Test func pixelsInMemoryAreMarkedBoundAndPublishedOnce() async throws {
        let test = try await TestLedger()
        let ledger = test.ledger
        _ = try await ledger.createKey(name: "studio", role: .generator)
        let stamper = try await Stamper(ledger: ledger, key: try ledger.keyring.load("studio"))
        let photo = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/photos/rocket.jpg").standardized
        let decoded = try ImageDecoder.decode(Array(try Data(contentsOf: photo)))
        let pixels = try RGBAPixels(width: decoded.width, height: decoded.height, bytes: decoded.rgba)
        var options = StampOptions()
        options.watermark = true
        options.embed = true
        options.prompt = "a rocket at dawn"
        let (outcome, png) = try await stamper.stamp(
            pixels: pixels,
            hasAlpha: false,
            name: "rocket.png",
            options: options
        )
        let id = try #require(outcome.watermark?.id)
        #expect((outcome.watermark?.psnr ?? 0) > 38)

        // The published PNG carries the mark, the credential, and the pixels the record binds.
        let published = try ImageDecoder.decode(png)
        #expect(published.rgba != decoded.rgba)
        #expect(WatermarkDetector.detect(try published.watermarkPixels).id?.description == id)
        let binding = try #require(outcome.predicate?.bindings)
        #expect(binding.watermark?.id == id)
        #expect(binding.pixelSha256 == PixelDigest.digest(of: published).hex)
        let file = try ImageFile(bytes: png)
        #expect(try XMPPacket.credential(in: try #require(file.xmp))?.recordID == outcome.recordID.description)
        #expect(try await ledger.records(watermarkedWith: try #require(WatermarkID(id))) == [outcome.recordID])

        // The same pixels again: already marked, refused before anything is written.
        let size = try await ledger.latestCheckpoint().size
        await #expect(throws: LedgerError.self) {
            _ = try await stamper.stamp(
                pixels: try published.watermarkPixels,
                hasAlpha: false,
                name: "again.png",
                options: options
            )
        }
        #expect(try await ledger.latestCheckpoint().size == size)
    }
}
