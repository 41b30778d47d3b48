public import ColophonMedia
public import ColophonRecords
import ColophonStorage
public import ColophonWatermark

extension Ledger {
    /// The subject digest name under which generation records carry their watermark id, so the
    /// log's subject index finds them.
    public static let watermarkAlgorithm = WatermarkScheme.algorithm

    /// Reads the watermark from decoded pixels and finds the records that carry its id.
    public func readWatermark(_ image: DecodedImage) async throws -> WatermarkReading {
        let detection = WatermarkDetector.detect(try image.watermarkPixels)
        guard let id = detection.id else { return WatermarkReading(detection: detection, records: []) }
        return WatermarkReading(detection: detection, records: try await records(watermarkedWith: id))
    }

    /// Generation records whose subject carries this watermark id, oldest first.
    public func records(watermarkedWith id: WatermarkID) async throws -> [RecordID] {
        try await entries(subject: Self.watermarkAlgorithm, value: id.description)
            .filter { $0.predicateType == PredicateType.generation.rawValue }
            .map(\.recordID)
    }
}
