public import ColophonRecords
public import ColophonStorage
public import Foundation

/// A record as the ledger knows it: the stored entry, its decoded statement, whether its
/// signatures hold, and every correction made to it since.
public struct LedgerRecord: Sendable {
    /// A correction of this record found in the log.
    public struct Correction: Hashable, Sendable {
        public var recordID: RecordID
        public var index: UInt64
        public var integratedAt: Date
        public var action: CorrectionPredicate.Action
        public var reason: String
        public var replacement: RecordID?
        /// Names of the keys that signed the correction.
        public var by: [String]
    }

    public var entry: StoredEntry
    public var envelope: Envelope
    public var statement: Statement
    public var verdict: RecordVerdict
    public var corrections: [Correction]

    public var recordID: RecordID { entry.recordID }

    /// The strongest correction in force: a retraction, else a supersession, else a dispute.
    public var status: String {
        if corrections.contains(where: { $0.action == .retract }) { return "retracted" }
        if corrections.contains(where: { $0.action == .supersede }) { return "superseded" }
        if corrections.contains(where: { $0.action == .dispute }) { return "disputed" }
        return "current"
    }
}
