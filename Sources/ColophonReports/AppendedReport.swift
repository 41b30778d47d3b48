public import ColophonLedger
import ColophonRecords

/// A record that an append placed (or found) in the log.
public struct AppendedReport: Codable, Sendable {
    public var recordId: String
    public var index: UInt64
    /// False when the record was already there.
    public var new: Bool

    public init(_ result: AppendResult) {
        recordId = result.recordID.description
        index = result.index
        new = result.isNew
    }
}
