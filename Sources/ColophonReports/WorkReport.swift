public import ColophonLedger
import ColophonRecords

/// What `work import` and `work element` print: the version recorded.
public struct WorkReport: Codable, Sendable {
    public var recordId: String
    public var index: UInt64
    public var isNew: Bool
    public var workId: String
    public var title: String
    public var version: Int
    public var supersedes: String?
    public var pages: Int
    public var elements: Int
    public var elementsInBlob: Bool

    public init(_ recorded: Ledger.WorkRecorded) {
        recordId = recorded.record.recordID.description
        index = recorded.record.index
        isNew = recorded.record.isNew
        workId = recorded.version.predicate.workId
        title = recorded.version.predicate.title
        version = recorded.version.predicate.version
        supersedes = recorded.supersedes?.description
        pages = recorded.version.predicate.pages.count
        elements = recorded.version.elements.count
        elementsInBlob = recorded.elementsInBlob
    }

    public var text: String {
        var lines = [
            "Recorded \(title) (\(workId)) version \(version): \(pages) page\(pages == 1 ? "" : "s"), \(elements) element\(elements == 1 ? "" : "s")",
            "  record \(recordId) (entry \(index))",
        ]
        if let supersedes { lines.append("  supersedes \(supersedes)") }
        if elementsInBlob { lines.append("  the elements did not fit in one record: they are kept in a blob it binds") }
        return lines.joined(separator: "\n")
    }
}
