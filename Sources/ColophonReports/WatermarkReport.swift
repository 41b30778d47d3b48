public import ColophonLedger
import ColophonRecords
import ColophonWatermark
import Foundation

/// One image's watermark, as `colophon watermark detect --json` prints it
/// (Schemas/cli/watermark-detect.schema.json).
public struct WatermarkReport: Codable, Sendable {
    /// Every image of one run.
    public struct List: Codable, Sendable {
        public var images: [WatermarkReport]

        public init(images: [WatermarkReport]) {
            self.images = images
        }
    }

    public var file: String
    public var algorithm: String
    public var found: Bool
    /// 16 hexadecimal digits, when found.
    public var id: String?
    public var correctedBits: Int
    public var codedBits: Int
    public var templateScore: Double
    public var hypotheses: Int
    public var falsePositiveBound: Double
    public var scale: Double?
    public var rotationDegrees: Double?
    /// The generation records that carry the id; absent without a ledger.
    public var records: [String]?

    public init(file: String, _ reading: WatermarkReading, ledger: Bool) {
        let detection = reading.detection
        self.file = file
        algorithm = WatermarkScheme.algorithm
        found = detection.found
        id = detection.id?.description
        correctedBits = detection.correctedBits
        codedBits = WatermarkScheme.codedBitCount
        templateScore = Self.rounded(detection.templateScore, places: 2)
        hypotheses = detection.hypotheses
        falsePositiveBound = detection.falsePositiveBound
        scale = detection.scale.map { Self.rounded($0, places: 4) }
        rotationDegrees = detection.rotationDegrees.map { Self.rounded($0, places: 2) }
        records = ledger ? reading.records.map(\.description) : nil
    }

    static func rounded(_ value: Double, places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (value * scale).rounded() / scale
    }

    /// Lines for people.
    public var text: String {
        guard found, let id else {
            guard hypotheses > 0 else {
                return
                    "\(file): too small to read a watermark (it needs \(WatermarkDetector.minimumSide) pixels a side)"
            }
            return "\(file): no watermark (template score \(String(format: "%.1f", templateScore)))"
        }
        var lines = [
            "\(file): watermark \(id) (\(algorithm))",
            "  corrected \(correctedBits) of \(codedBits) coded bits; template score \(String(format: "%.1f", templateScore)); false-positive bound \(String(format: "%.1e", falsePositiveBound))",
        ]
        if let scale, let rotationDegrees {
            lines.append(
                "  scale \(String(format: "%.3f", scale)) and rotation \(String(format: "%.2f", rotationDegrees))° relative to the marked image"
            )
        }
        if let records {
            lines.append(
                records.isEmpty
                    ? "  no record in this ledger carries it" : "  records: \(records.joined(separator: ", "))"
            )
        }
        return lines.joined(separator: "\n")
    }
}
