import Foundation
import Testing

@testable import ColophonWatermark

/// The scheme's fixed parts, pinned: an implementation from docs/watermark.md must derive the
/// same template, chip order, code and frame.
@Suite struct WatermarkSchemeTests {
    @Test func theLayoutIsTheDocumentedOne() {
        let layout = TileLayout.shared
        #expect(layout.frequencies.count == 16)
        #expect(layout.frequencies.first.map { [$0.k, $0.l] } == [8, 5])
        for frequency in layout.frequencies {
            let radius = Double(frequency.k * frequency.k + frequency.l * frequency.l).squareRoot()
            #expect((5...12).contains(radius))
        }
        #expect(Set(layout.slotChip).count == 1024)
        let rms = (layout.template.reduce(0) { $0 + Double($1) * Double($1) } / Double(layout.template.count))
            .squareRoot()
        #expect(abs(rms - 1) < 1e-4)
        // Values the numpy reference (Tools/watermark_reference.py) derives from the document.
        #expect(SchemeRandom.bytes("whitening", count: 8) == [0x95, 0x93, 0xC3, 0x23, 0x0C, 0x1E, 0x77, 0x5F])
        #expect(layout.frequencies.prefix(4).map { [$0.k, $0.l] } == [[8, 5], [11, -4], [6, -5], [9, -1]])
        #expect(abs(layout.phases[0] - 0.7264009813565786) < 1e-12)
        #expect(Array(layout.slotChip.prefix(5)) == [830, 207, 569, 132, 415])
        #expect(Array(layout.slotSign.prefix(8)) == [1, 1, 1, -1, 1, 1, -1, 1])
        #expect(Array(WatermarkFrame.whitening.prefix(8)) == [1, 0, 0, 1, 0, 1, 0, 1])
        let input: [UInt8] = [1, 0, 1, 1] + [UInt8](repeating: 0, count: 100)
        #expect(Array(ConvolutionalCode.encode(input).prefix(12)) == [1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0])
    }

    @Test func theCodeCorrectsScatteredErrorsAndTheFrameChecksItself() {
        let payload: UInt64 = 0xDEAD_BEEF_0BAD_F00D
        let frame = WatermarkFrame.bits(payload: payload)
        #expect(frame.count == 104)
        #expect(WatermarkFrame.payload(from: frame) == payload)
        let coded = ConvolutionalCode.encode(frame)
        #expect(coded.count == 312)
        // Soft values with 30 hard errors spread over the word, and noise on the rest.
        var generator = SystemRandomNumberGenerator()
        var soft = coded.map { $0 == 0 ? Float(1) : -1 }
        for index in stride(from: 5, to: 312, by: 10) { soft[index] = -soft[index] * 0.5 }
        for index in soft.indices { soft[index] += Float.random(in: -0.4...0.4, using: &generator) }
        let decoded = ConvolutionalCode.decode(soft)
        #expect(WatermarkFrame.payload(from: decoded) == payload)
        // A flipped bit anywhere breaks the check.
        for index in [0, 63, 64, 71, 72, 103] {
            var broken = frame
            broken[index] ^= 1
            #expect(WatermarkFrame.payload(from: broken) == nil)
        }
    }

    @Test func idsAndBuffersAreChecked() throws {
        #expect(WatermarkID("0123456789abcdef")?.value == 0x0123_4567_89AB_CDEF)
        #expect(WatermarkID("0123456789abcde") == nil)
        #expect(WatermarkID("0123456789abcdeg") == nil)
        #expect(WatermarkID(0x1).description == "0000000000000001")
        #expect(throws: WatermarkError.self) { try RGBAPixels(width: 10, height: 10, bytes: [0, 0, 0]) }
        #expect(throws: WatermarkError.self) { try RGBAPixels(width: 0, height: 10, bytes: []) }
        var small = try RGBAPixels(width: 255, height: 300, bytes: [UInt8](repeating: 128, count: 255 * 300 * 4))
        #expect { try WatermarkEmbedder.embed(WatermarkID(1), into: &small) } throws: {
            ($0 as? WatermarkError)?.code == .unsupportedSize
        }
    }
}
