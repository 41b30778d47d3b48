/// What `work export` prints.
struct WorkExportReport: Codable {
    var path: String
    var workId: String
    var version: Int
    var workRecord: String
    var pages: Int
    var bytes: Int

    var text: String {
        "Wrote \(path): \(workId) version \(version), \(pages) page\(pages == 1 ? "" : "s"), \(bytes) bytes (work record \(workRecord))"
    }
}
