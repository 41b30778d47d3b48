import ColophonMedia
import Foundation
import Testing

@Suite struct PDQHashTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardized
    static let expectedFile = root.appendingPathComponent("Tests/Fixtures/pdq/expected.json")

    struct Expected: Decodable {
        struct Image: Decodable {
            var hash_hex: String
            var quality: Int
        }
        var images: [String: Image]
    }

    static func location(of key: String) -> URL {
        key.hasPrefix("derived/")
            ? root.appendingPathComponent("Tests/Fixtures/pdq").appendingPathComponent(key)
            : root.appendingPathComponent("Tests/Fixtures/gen-metadata").appendingPathComponent(key)
    }

    /// Every fixture and every resized or recompressed copy hashes as `pdqhash` does. Images
    /// with content must be within distance 2; featureless (quality 0) JPEGs hash from float
    /// noise on pixels that differ between libjpeg builds, so only their quality is compared.
    @Test func matchesTheReferenceImplementation() throws {
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: Self.expectedFile))
        #expect(expected.images.count == 47)
        for (key, value) in expected.images.sorted(by: { $0.key < $1.key }) {
            let bytes = Array(try Data(contentsOf: Self.location(of: key)))
            let hash = PDQHash(image: try ImageDecoder.decode(bytes))
            let reference = try #require(PDQHash(hex: value.hash_hex))
            #expect(hash.quality == value.quality, "\(key)")
            if value.quality > 0 || key.hasSuffix(".png") {
                #expect(hash.distance(to: reference) <= 2, "\(key): \(hash.hex) vs \(value.hash_hex)")
            }
        }
    }

    @Test func tinyImagesHashToZero() {
        let image = DecodedImage(
            width: 4,
            height: 4,
            rgba: [UInt8](repeating: 200, count: 64),
            source: .init(mediaType: .png, colorType: 6, bitDepth: 8, hasAlpha: true)
        )
        #expect(PDQHash(image: image) == PDQHash(bytes: [UInt8](repeating: 0, count: 32), quality: 0))
    }
}
