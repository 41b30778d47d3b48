public import ColophonLedger
import ColophonRecords

/// What `export` prints.
public struct ExportReport: Codable, Sendable {
    public var path: String
    public var bytes: Int
    public var records: Int
    public var blobs: Int
    public var files: Int
    public var checkpointSize: UInt64
    public var custodyRecord: String
    public var custodyIndex: UInt64
    public var missing: [String]

    public init(path: String, _ exported: Ledger.BundleExported) {
        self.path = path
        bytes = exported.bytes.count
        records = exported.manifest.records.count
        blobs = exported.blobs
        files = exported.manifest.files.count + 3
        checkpointSize = exported.manifest.log.size
        custodyRecord = exported.custody.recordID.description
        custodyIndex = exported.custody.index
        missing = exported.missing
    }

    public var text: String {
        var lines = [
            "Wrote \(path): \(records) records, \(blobs) blobs, \(files) files, \(bytes) bytes",
            "  proofs against the checkpoint of size \(checkpointSize)",
            "  custody record \(custodyRecord) (entry \(custodyIndex))",
        ]
        if !missing.isEmpty { lines.append("  cited but not in this ledger: \(missing.joined(separator: ", "))") }
        return lines.joined(separator: "\n")
    }
}
