/// What `work export` prints.
public struct WorkExportReport: Codable, Sendable {
    public var path: String
    public var workId: String
    public var version: Int
    public var workRecord: String
    public var pages: Int
    public var bytes: Int

    public init(path: String, workId: String, version: Int, workRecord: String, pages: Int, bytes: Int) {
        self.path = path
        self.workId = workId
        self.version = version
        self.workRecord = workRecord
        self.pages = pages
        self.bytes = bytes
    }

    public var text: String {
        "Wrote \(path): \(workId) version \(version), \(pages) page\(pages == 1 ? "" : "s"), \(bytes) bytes (work record \(workRecord))"
    }
}
