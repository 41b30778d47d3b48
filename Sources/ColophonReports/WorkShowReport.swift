public import ColophonLedger
public import ColophonRecords

/// What `work show` prints: the version, its pages and their elements, and every version.
public struct WorkShowReport: Codable, Sendable {
    public struct Version: Codable, Sendable {
        public var version: Int
        public var recordId: String
        public var index: UInt64
    }

    public struct Element: Codable, Sendable {
        public var id: String
        public var kind: String
        public var origin: String
        public var panel: String?
        public var box: Box?
        public var humanModification: String?
        public var generationRecords: [String]
        public var contributionRecords: [String]
    }

    public struct Page: Codable, Sendable {
        public var number: Int
        public var fileName: String?
        public var sha256: String
        public var width: Int?
        public var height: Int?
        public var elements: [Element]
    }

    public var workId: String
    public var title: String
    public var version: Int
    public var recordId: String
    public var index: UInt64
    public var creators: [String]
    public var publisher: String?
    public var pages: [Page]
    public var contributionRecords: [String]
    public var versions: [Version]

    public init(_ work: WorkVersion, versions: [WorkVersion]) {
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

    public var text: String {
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
