public import ColophonRecords

/// Whether a record's signatures hold, signature by signature.
public struct RecordVerdict: Hashable, Sendable {
    public var recordID: RecordID
    public var signatures: [SignatureVerdict]

    public init(recordID: RecordID, signatures: [SignatureVerdict]) {
        self.recordID = recordID
        self.signatures = signatures
    }

    /// Valid when it has at least one signature and every signature is valid.
    public var isValid: Bool {
        !signatures.isEmpty && signatures.allSatisfy(\.valid)
    }

    /// The first problem, for one-line reports.
    public var problem: String? {
        if signatures.isEmpty { return "the record has no signatures" }
        return signatures.first { !$0.valid }?.problem
    }
}
