import ColophonLedger
public import ColophonMedia
public import ColophonRecords

/// What `model add` and `lora add` print.
public struct RegistrationReport: Codable, Sendable {
    public struct Hashes: Codable, Sendable {
        public var sha256: String?
        public var autov1: String?
        public var autov2: String?
        public var autov3: String?
        public var blake3: String?
        public var crc32: String?
    }

    public struct Training: Codable, Sendable {
        public var outputName: String?
        public var architecture: String?
        public var comment: String?
        public var datasetFolders: [String]
        public var topTags: [String]
    }

    public var recordId: String
    public var index: UInt64
    public var new: Bool
    public var kind: String
    public var name: String
    public var fileName: String
    public var sizeBytes: Int
    public var format: String
    public var hashes: Hashes
    public var emulates: [String]?
    public var training: Training?

    public init(
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

    public var text: String {
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
