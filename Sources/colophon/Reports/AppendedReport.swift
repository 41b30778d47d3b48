import ColophonLedger
import ColophonRecords

/// A record that an append placed (or found) in the log.
struct AppendedReport: Codable {
    var recordId: String
    var index: UInt64
    /// False when the record was already there.
    var new: Bool

    init(_ result: AppendResult) {
        recordId = result.recordID.description
        index = result.index
        new = result.isNew
    }
}
