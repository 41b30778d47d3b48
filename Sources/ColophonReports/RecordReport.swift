public import ColophonLedger
public import ColophonRecords
import ColophonStorage
import Foundation

/// One record as `colophon show` prints it and `GET /v1/records/{id}` answers: what it says,
/// who signed it, where it is in the log, and its corrections.
public struct RecordReport: Codable, Sendable {
    public struct Correction: Codable, Sendable {
        public var recordId: String
        public var index: UInt64
        public var integratedAt: String
        public var action: String
        public var reason: String
        public var replacement: String?
        public var by: [String]
    }

    public var recordId: String
    public var index: UInt64
    public var integratedAt: String
    public var predicateType: String
    public var valid: Bool
    public var problem: String?
    public var status: String
    public var signatures: [SignatureReport]
    public var statement: JSONValue
    public var corrections: [Correction]
    /// The signed DSSE envelope itself, for clients that check the signature on their own.
    public var envelope: JSONValue?

    public init(_ record: LedgerRecord, includeEnvelope: Bool = false) {
        recordId = record.recordID.description
        index = record.entry.index
        integratedAt = RFC3339.format(record.entry.integratedAt)
        predicateType = record.statement.predicateType
        valid = record.verdict.isValid
        problem = record.verdict.problem
        status = record.status
        signatures = record.verdict.signatures.map(SignatureReport.init)
        statement = record.statement.json
        corrections = record.corrections.map {
            Correction(
                recordId: $0.recordID.description,
                index: $0.index,
                integratedAt: RFC3339.format($0.integratedAt),
                action: $0.action.rawValue,
                reason: $0.reason,
                replacement: $0.replacement?.description,
                by: $0.by
            )
        }
        envelope = includeEnvelope ? try? JSONParser().parse(record.entry.body) : nil
    }
}
