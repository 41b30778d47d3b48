import ColophonCrypto
public import ColophonRecords
import Foundation
import GRDB

extension SQLiteLedgerStore {
    static let entryColumns = "e.idx, e.recordId, e.body, t.uri, e.integratedAt"
    static let entryFrom = "entry e JOIN predicate_type t ON t.id = e.typeId"

    public func entry(at index: UInt64) async throws -> StoredEntry? {
        guard let index = Int64(exactly: index) else { return nil }
        return try await fetch("WHERE e.idx = ?", [index]).first
    }

    public func entry(recordID: RecordID) async throws -> StoredEntry? {
        try await fetch(
            "JOIN record_key k ON k.entryIdx = e.idx WHERE k.key = ? AND e.recordId = ?",
            [SQLiteRows.recordKey(recordID), Data(recordID.digest.bytes)]
        ).first
    }

    public func entries(from start: UInt64, count: Int) async throws -> [StoredEntry] {
        guard let first = Int64(exactly: start), count > 0 else { return [] }
        let (end, overflow) = first.addingReportingOverflow(Int64(count))
        return try await fetch("WHERE e.idx >= ? AND e.idx < ? ORDER BY e.idx", [first, overflow ? Int64.max : end])
    }

    public func entries(subject: SubjectDigest) async throws -> [StoredEntry] {
        let candidates = try await fetch(
            "JOIN subject s ON s.entryIdx = e.idx WHERE s.key = ? ORDER BY e.idx",
            [SQLiteRows.subjectKey(subject)]
        )
        // The key only narrows the search; keep the entries that really name the digest.
        return candidates.filter { SubjectMatch.entry($0.body, has: subject) }
    }

    public func entries(predicateType: String) async throws -> [StoredEntry] {
        try await fetch("WHERE t.uri = ? ORDER BY e.idx", [predicateType])
    }

    public func entries(referencing target: RecordID) async throws -> [StoredEntry] {
        try await fetch(
            "JOIN reference r ON r.entryIdx = e.idx WHERE r.target = ? ORDER BY e.idx",
            [Data(target.digest.bytes)]
        )
    }

    public func entries(signedBy keyID: String) async throws -> [StoredEntry] {
        try await fetch(
            "JOIN signer g ON g.entryIdx = e.idx JOIN signing_key k ON k.id = g.keyRef WHERE k.keyId = ? ORDER BY e.idx",
            [keyID]
        )
    }

    private func fetch(_ clause: String, _ arguments: StatementArguments) async throws -> [StoredEntry] {
        let sql = "SELECT \(Self.entryColumns) FROM \(Self.entryFrom) \(clause)"
        return try await read { db in
            try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map(SQLiteRows.entry)
        }
    }
}
