public import ColophonRecords
public import Foundation

/// One entry of the log as stored: a signed record at its index.
public struct StoredEntry: Hashable, Sendable {
    /// Position in the log, from 0.
    public var index: UInt64
    public var recordID: RecordID
    /// The canonical DSSE envelope: the exact leaf bytes.
    public var body: [UInt8]
    public var predicateType: String
    /// When the log integrated the entry (the log's clock, not the signer's).
    public var integratedAt: Date

    public init(index: UInt64, recordID: RecordID, body: [UInt8], predicateType: String, integratedAt: Date) {
        self.index = index
        self.recordID = recordID
        self.body = body
        self.predicateType = predicateType
        self.integratedAt = integratedAt
    }
}
