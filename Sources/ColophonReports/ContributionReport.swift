public import ColophonLedger
import ColophonRecords

/// What `contribute` prints: the record, what it is about, and what weakens it as evidence.
public struct ContributionReport: Codable, Sendable {
    public var recordId: String
    public var index: UInt64
    public var isNew: Bool
    public var category: String
    public var author: String
    public var workId: String?
    public var workRecord: String?
    public var page: Int?
    public var element: String?
    public var beforeRecord: String?
    public var evidence: [String]
    public var warnings: [String]

    public init(_ recorded: Ledger.ContributionRecorded) {
        let predicate = recorded.predicate
        recordId = recorded.record.recordID.description
        index = recorded.record.index
        isNew = recorded.record.isNew
        category = predicate.category.rawValue
        author = predicate.contributor.name
        workId = predicate.target?.workId
        workRecord = predicate.target?.workRecord
        page = predicate.target?.page
        element = predicate.target?.element
        beforeRecord = predicate.before?.record
        evidence = (predicate.evidence ?? []).map(\.blob)
        warnings = recorded.warnings
    }

    public var text: String {
        var lines = ["Recorded \(category) by \(author): \(recordId) (entry \(index))"]
        if let workId {
            lines.append(
                "  work \(workId)" + (page.map { ", page \($0)" } ?? "") + (element.map { ", element \($0)" } ?? "")
            )
        }
        if let beforeRecord { lines.append("  before-image is the output of \(beforeRecord)") }
        if !evidence.isEmpty {
            lines.append("  evidence: \(evidence.count) file\(evidence.count == 1 ? "" : "s") stored")
        }
        lines += warnings.map { "  warning: \($0)" }
        return lines.joined(separator: "\n")
    }
}
