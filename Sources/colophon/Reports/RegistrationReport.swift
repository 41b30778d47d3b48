import ColophonLedger
import ColophonMedia
import ColophonRecords

/// What `model add` and `lora add` print.
struct RegistrationReport: Codable {
    struct Hashes: Codable {
        var sha256: String?
        var autov1: String?
        var autov2: String?
        var autov3: String?
        var blake3: String?
        var crc32: String?
    }

    struct Training: Codable {
        var outputName: String?
        var architecture: String?
        var comment: String?
        var datasetFolders: [String]
        var topTags: [String]
    }

    var recordId: String
    var index: UInt64
    var new: Bool
    var kind: String
    var name: String
    var fileName: String
    var sizeBytes: Int
    var format: String
    var hashes: Hashes
    var emulates: [String]?
    var training: Training?

    init(
        record: (record: RecordID, index: UInt64, isNew: Bool),
        kind: String,
        name: String,
        file: ModelFile,
        emulates: [String]? = nil
    ) {
        recordId = record.record.description
        index = record.index
        new = record.isNew
        self.kind = kind
        self.name = name
        fileName = file.fileName
        sizeBytes = file.size
        format = file.header == nil ? "other" : "safetensors"
        hashes = Hashes(
            sha256: file.hashes.sha256,
            autov1: file.hashes.autov1,
            autov2: file.hashes.autov2,
            autov3: file.hashes.autov3,
            blake3: file.hashes.blake3,
            crc32: file.hashes.crc32
        )
        self.emulates = emulates
        if kind != "model", let summary = file.header?.trainingSummary {
            training = Training(
                outputName: summary.outputName,
                architecture: summary.architecture,
                comment: summary.comment,
                datasetFolders: (summary.datasetFolders ?? []).map(\.name),
                topTags: (summary.topTags ?? []).prefix(10).map { "\($0.tag) (\($0.count))" }
            )
        }
    }

    var text: String {
        var lines = [
            "\(new ? "Registered" : "Already registered") \(kind) \(name) as \(recordId) (entry \(index))",
            "  file    \(fileName), \(sizeBytes) bytes, \(format)",
            "  sha256  \(hashes.sha256 ?? "-")",
            "  autov1 \(hashes.autov1 ?? "-")  autov2 \(hashes.autov2 ?? "-")  crc32 \(hashes.crc32 ?? "-")",
        ]
        if let autov3 = hashes.autov3 { lines.append("  autov3  \(autov3)") }
        if let blake3 = hashes.blake3 { lines.append("  blake3  \(blake3)") }
        if let emulates, !emulates.isEmpty { lines.append("  emulates \(emulates.joined(separator: ", "))") }
        if let training {
            if !training.datasetFolders.isEmpty {
                lines.append("  trained on folders: \(training.datasetFolders.joined(separator: ", "))")
            }
            if !training.topTags.isEmpty { lines.append("  top tags: \(training.topTags.joined(separator: ", "))") }
            if let comment = training.comment { lines.append("  training comment: \(comment)") }
        }
        return lines.joined(separator: "\n")
    }
}
