import ColophonLedger
import ColophonRecords

/// What `export` prints.
struct ExportReport: Codable {
    var path: String
    var bytes: Int
    var records: Int
    var blobs: Int
    var files: Int
    var checkpointSize: UInt64
    var custodyRecord: String
    var custodyIndex: UInt64
    var missing: [String]

    init(path: String, _ exported: Ledger.BundleExported) {
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

    var text: String {
        var lines = [
            "Wrote \(path): \(records) records, \(blobs) blobs, \(files) files, \(bytes) bytes",
            "  proofs against the checkpoint of size \(checkpointSize)",
            "  custody record \(custodyRecord) (entry \(custodyIndex))",
        ]
        if !missing.isEmpty { lines.append("  cited but not in this ledger: \(missing.joined(separator: ", "))") }
        return lines.joined(separator: "\n")
    }
}
