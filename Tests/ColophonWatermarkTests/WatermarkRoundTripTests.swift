import ColophonWatermark
import Foundation
import Testing

@Suite struct WatermarkRoundTripTests {
    @Test(arguments: Photo.names)
    func marksAreReadBack(name: String) throws {
        let original = try Photo.resized(try Photo.load(name), width: 1024, height: 1024)
        var marked = original
        let id = WatermarkID(0x0123_4567_89AB_CDEF)
        let report = try WatermarkEmbedder.embed(id, into: &marked)
        #expect(report.psnr > 38)
        let found = WatermarkDetector.detect(marked)
        #expect(found.id == id, "\(found)")
        #expect(WatermarkDetector.detectUnmoved(marked).id == id)
        #expect(WatermarkDetector.detect(original).id == nil)
        #expect(WatermarkDetector.detectUnmoved(original).id == nil)
    }
}
