public import ColophonRecords
public import ColophonWatermark

/// What the watermark layer says about an image: the detector's answer, and the generation
/// records whose bindings carry the id it read.
public struct WatermarkReading: Sendable {
    public var detection: WatermarkDetection
    public var records: [RecordID]

    public init(detection: WatermarkDetection, records: [RecordID]) {
        self.detection = detection
        self.records = records
    }
}
