public import ColophonRecords

/// What happened to one envelope given to ``Ledger/append(_:blobs:)``.
public struct AppendResult: Hashable, Sendable {
    public var recordID: RecordID
    public var index: UInt64
    /// False when the record was already in the log (nothing was added).
    public var isNew: Bool
    public var verdict: RecordVerdict

    public init(recordID: RecordID, index: UInt64, isNew: Bool, verdict: RecordVerdict) {
        self.recordID = recordID
        self.index = index
        self.isNew = isNew
        self.verdict = verdict
    }
}
