import ColophonWatermark
import Foundation
import Testing

/// Marks read back blind after edits made in Swift (the Pillow and codec attacks are in
/// Tools/watermark_test.py and the benchmark), and nothing read from unmarked or hostile pixels.
@Suite struct WatermarkRobustnessTests {
    static let id = WatermarkID(0x5EED_0000_C0FF_EE42)

    static func marked(_ name: String, side: Int = 768) throws -> RGBAPixels {
        var image = try Photo.resized(try Photo.load(name), width: side, height: side * 3 / 4)
        try WatermarkEmbedder.embed(id, into: &image)
        return image
    }

    @Test func cropsAtAnyOffsetAndResizes() throws {
        let image = try Self.marked("rocket")
        let crop = try Photo.cropped(image, x: 37, y: 51, width: 620, height: 470)
        #expect(WatermarkDetector.detect(crop).id == Self.id)
        let smaller = try Photo.resized(image, width: 500, height: 375)
        let found = WatermarkDetector.detect(smaller)
        #expect(found.id == Self.id)
        #expect(abs((found.scale ?? 0) - 500.0 / 768.0) < 0.01)
        let larger = try Photo.resized(image, width: 1000, height: 750)
        #expect(WatermarkDetector.detect(larger).id == Self.id)
    }

    /// Small copies, whose nine blocks are too small to refine the lattice by: the climb on the
    /// template's energy finds it (these three failed before it).
    @Test func smallCopiesAreReadAtTheirScale() throws {
        for (id, factor) in [
            (WatermarkID(0x4D), 0.95), (WatermarkID(0x9E37_79B9_7F4A_7C62), 0.9), (.init(0x9E37_79B9_7F4A_7C62), 0.8),
        ] {
            var image = try Photo.load("astronaut")
            try WatermarkEmbedder.embed(id, into: &image)
            let side = Int(512 * factor)
            let found = WatermarkDetector.detect(try Photo.resized(image, width: side, height: side))
            #expect(found.id == id, "\(side)×\(side): \(found)")
            #expect(abs((found.scale ?? 0) - factor) < 0.003)
        }
    }

    /// Wider than the region read (2048 pixels): the centre is read, and a crop of the left
    /// part, which the centre does not see, is read as well.
    @Test func imagesLargerThanTheRegionAreReadFromTheirCentre() throws {
        var image = try Photo.resized(try Photo.load("rocket"), width: 2600, height: 400)
        try WatermarkEmbedder.embed(Self.id, into: &image)
        #expect(WatermarkDetector.detect(image).id == Self.id)
        let left = try Photo.cropped(image, x: 0, y: 0, width: 300, height: 400)
        #expect(WatermarkDetector.detect(left).id == Self.id)
    }

    @Test func brightnessNoiseAndAlphaLeftAlone() throws {
        var image = try Self.marked("coffee")
        var generator = SystemRandomNumberGenerator()
        for index in stride(from: 0, to: image.bytes.count, by: 4) {
            for channel in 0..<3 {
                let value = Double(image.bytes[index + channel]) * 1.15 + Double.random(in: -8...8, using: &generator)
                image.bytes[index + channel] = UInt8(min(max(value.rounded(), 0), 255))
            }
        }
        #expect(WatermarkDetector.detect(image).id == Self.id)

        var translucent = try Photo.resized(try Photo.load("chelsea"), width: 512, height: 384)
        for index in stride(from: 3, to: translucent.bytes.count, by: 4) {
            translucent.bytes[index] = UInt8(index % 251)
        }
        let alpha = stride(from: 3, to: translucent.bytes.count, by: 4).map { translucent.bytes[$0] }
        try WatermarkEmbedder.embed(Self.id, into: &translucent)
        #expect(stride(from: 3, to: translucent.bytes.count, by: 4).map { translucent.bytes[$0] } == alpha)
        #expect(WatermarkDetector.detect(translucent).id == Self.id)
    }

    @Test func unmarkedAndHostilePixelsReadAsUnmarked() throws {
        for name in Photo.names {
            let photo = try Photo.load(name)
            #expect(WatermarkDetector.detect(photo).id == nil, "\(name)")
        }
        var generator = SystemRandomNumberGenerator()
        let noise = try RGBAPixels(
            width: 600,
            height: 400,
            bytes: (0..<(600 * 400 * 4)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        )
        for pixels in [
            noise,
            try RGBAPixels(width: 300, height: 300, bytes: [UInt8](repeating: 0, count: 300 * 300 * 4)),
            try RGBAPixels(width: 300, height: 300, bytes: [UInt8](repeating: 255, count: 300 * 300 * 4)),
            try RGBAPixels(width: 256, height: 4096, bytes: [UInt8](repeating: 90, count: 256 * 4096 * 4)),
            try RGBAPixels(width: 100, height: 100, bytes: [UInt8](repeating: 7, count: 100 * 100 * 4)),
        ] {
            let result = WatermarkDetector.detect(pixels)
            #expect(result.id == nil)
            #expect(result.falsePositiveBound < 1e-11)
        }
    }
}
