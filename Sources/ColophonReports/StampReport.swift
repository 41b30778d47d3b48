public import ColophonLedger
import ColophonMedia
import ColophonRecords
import Foundation

/// One image's line in `stamp` and `ingest` output.
public struct StampReport: Codable, Sendable {
    public struct Watermark: Codable, Sendable {
        public var id: String
        public var psnr: Double
    }

    public struct Adapter: Codable, Sendable {
        public var name: String
        public var weight: Double?
        public var hash: String?
        public var record: String?
    }

    public var path: String
    public var status: String
    public var recordId: String?
    public var index: UInt64?
    public var embeddedIn: String?
    public var c2paManifest: String?
    /// The watermark put into the pixels: its id, and the marked copy's PSNR in dB.
    public var watermark: Watermark?
    public var generator: String?
    public var digitalSourceType: String?
    public var model: String?
    public var modelRecord: String?
    public var adapters: [Adapter]?
    public var unresolved: [String]?
    public var consent: [ConsentFindingReport]?
    public var problems: [String]?
    public var error: String?

    public init(_ outcome: StampOutcome) {
        path = outcome.path
        status = outcome.status.rawValue
        recordId = outcome.recordID.description
        index = outcome.index
        embeddedIn = outcome.embeddedPath
        c2paManifest = outcome.c2paManifest
        watermark = outcome.watermark.map { Watermark(id: $0.id, psnr: ($0.psnr * 100).rounded() / 100) }
        if let predicate = outcome.predicate {
            generator = predicate.generator.map { [$0.name, $0.version].compactMap { $0 }.joined(separator: " ") }
            digitalSourceType = ContentCredential(digitalSourceType: predicate.digitalSourceType).digitalSourceTypeTerm
            model = predicate.model?.name ?? predicate.model?.hash
            modelRecord = predicate.model?.record
            adapters = predicate.adapters?.map {
                Adapter(name: $0.name, weight: $0.weight, hash: $0.hash, record: $0.record)
            }
        }
        unresolved = outcome.unresolved.isEmpty ? nil : outcome.unresolved
        consent = outcome.consent.isEmpty ? nil : outcome.consent.map(ConsentFindingReport.init)
        problems = outcome.metadata.problems.isEmpty ? nil : outcome.metadata.problems
    }

    public init(path: String, error: String) {
        self.path = path
        status = "failed"
        self.error = error
    }

    public var text: String {
        guard let recordId, let index else { return "✗ \(path): \(error ?? "failed")" }
        if status == StampOutcome.Status.alreadyStamped.rawValue {
            return "= \(path): already stamped as \(recordId) (entry \(index))"
        }
        var lines = ["✓ \(path) → \(recordId) (entry \(index))"]
        if let generator { lines.append("    generator  \(generator)") }
        if let digitalSourceType { lines.append("    source     \(digitalSourceType)") }
        if let model {
            lines.append("    model      \(model)\(modelRecord.map { " → \($0.prefix(19))…" } ?? " (not registered)")")
        }
        for adapter in adapters ?? [] {
            let weight = adapter.weight.map { " @ \($0)" } ?? ""
            let record = adapter.record.map { " → \($0.prefix(19))…" } ?? " (not registered)"
            lines.append("    lora       \(adapter.name)\(weight)\(record)")
        }
        if let embeddedIn { lines.append("    credential embedded in \(embeddedIn)") }
        if let c2paManifest { lines.append("    C2PA manifest \(c2paManifest)") }
        if let watermark {
            lines.append("    watermark  \(watermark.id) (PSNR \(String(format: "%.1f", watermark.psnr)) dB)")
        }
        for finding in ConsentFindingReport.lines(consent ?? []) {
            lines.append("    \(finding.label): \(finding.text)")
        }
        for problem in problems ?? [] { lines.append("    note: \(problem)") }
        return lines.joined(separator: "\n")
    }
}
