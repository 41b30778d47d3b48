import ColophonLedger
import ColophonRecords

/// What `work show` prints: the version, its pages and their elements, and every version.
struct WorkShowReport: Codable {
    struct Version: Codable {
        var version: Int
        var recordId: String
        var index: UInt64
    }

    struct Element: Codable {
        var id: String
        var kind: String
        var origin: String
        var panel: String?
        var box: Box?
        var humanModification: String?
        var generationRecords: [String]
        var contributionRecords: [String]
    }

    struct Page: Codable {
        var number: Int
        var fileName: String?
        var sha256: String
        var width: Int?
        var height: Int?
        var elements: [Element]
    }

    var workId: String
    var title: String
    var version: Int
    var recordId: String
    var index: UInt64
    var creators: [String]
    var publisher: String?
    var pages: [Page]
    var contributionRecords: [String]
    var versions: [Version]

    init(_ work: WorkVersion, versions: [WorkVersion]) {
        let predicate = work.predicate
        workId = predicate.workId
        title = predicate.title
        version = predicate.version
        recordId = work.record.description
        index = work.index
        creators = (predicate.creators ?? []).map { $0.name + ($0.role.map { " (\($0))" } ?? "") }
        publisher = predicate.publisher?.name
        pages = predicate.pages.map { page in
            Page(
                number: page.number,
                fileName: page.fileName,
                sha256: page.sha256,
                width: page.width,
                height: page.height,
                elements: (page.elements ?? []).map {
                    Element(
                        id: $0.id,
                        kind: $0.kind,
                        origin: $0.origin,
                        panel: $0.panel,
                        box: $0.box,
                        humanModification: $0.humanModification,
                        generationRecords: $0.generationRecords ?? [],
                        contributionRecords: $0.contributionRecords ?? []
                    )
                }
            )
        }
        contributionRecords = predicate.contributionRecords ?? []
        self.versions = versions.map {
            Version(version: $0.predicate.version, recordId: $0.record.description, index: $0.index)
        }
    }

    var text: String {
        var lines = ["\(title) (\(workId)) version \(version) of \(versions.count): \(recordId) (entry \(index))"]
        if !creators.isEmpty { lines.append("  creators   \(creators.joined(separator: ", "))") }
        if let publisher { lines.append("  publisher  \(publisher)") }
        for page in pages {
            let size = page.width.flatMap { width in page.height.map { " \(width)×\($0)" } } ?? ""
            lines.append("  page \(page.number) \(page.fileName ?? "")\(size) \(page.sha256.prefix(16))…")
            for element in page.elements {
                let records = element.generationRecords.count + element.contributionRecords.count
                lines.append(
                    "    \(element.id) \(element.kind) \(element.origin)\(element.humanModification.map { " (\($0) edits)" } ?? "") — \(records) record\(records == 1 ? "" : "s")"
                )
            }
        }
        return lines.joined(separator: "\n")
    }
}
