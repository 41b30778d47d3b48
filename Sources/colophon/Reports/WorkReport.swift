import ColophonLedger
import ColophonRecords

/// What `work import` and `work element` print: the version recorded.
struct WorkReport: Codable {
    var recordId: String
    var index: UInt64
    var isNew: Bool
    var workId: String
    var title: String
    var version: Int
    var supersedes: String?
    var pages: Int
    var elements: Int
    var elementsInBlob: Bool

    init(_ recorded: Ledger.WorkRecorded) {
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

    var text: String {
        var lines = [
            "Recorded \(title) (\(workId)) version \(version): \(pages) page\(pages == 1 ? "" : "s"), \(elements) element\(elements == 1 ? "" : "s")",
            "  record \(recordId) (entry \(index))",
        ]
        if let supersedes { lines.append("  supersedes \(supersedes)") }
        if elementsInBlob { lines.append("  the elements did not fit in one record: they are kept in a blob it binds") }
        return lines.joined(separator: "\n")
    }
}
