import ColophonCrypto
public import ColophonRecords
public import ColophonStorage
import NIOCore
import PostgresNIO

extension PostgresLedgerStore {
    public func entry(at index: UInt64) async throws -> StoredEntry? {
        guard let index = Int64(exactly: index) else { return nil }
        return try await fetch("entry \(index)", "WHERE idx = $1", index).first
    }

    public func entry(recordID: RecordID) async throws -> StoredEntry? {
        try await fetch("record \(recordID)", "WHERE record_id = $1", PostgresRows.bytes(recordID.digest)).first
    }

    public func entries(from start: UInt64, count: Int) async throws -> [StoredEntry] {
        guard let first = Int64(exactly: start), count > 0 else { return [] }
        let (end, overflow) = first.addingReportingOverflow(Int64(count))
        return try await fetch(
            "entries from \(start)",
            "WHERE idx >= $1 AND idx < $2 ORDER BY idx",
            first,
            overflow ? Int64.max : end
        )
    }

    public func entries(subject: SubjectDigest) async throws -> [StoredEntry] {
        try await fetch(
            "entries about \(subject.algorithm):\(subject.value)",
            "WHERE idx IN (SELECT entry_idx FROM subject WHERE algorithm = $1 AND value = $2) ORDER BY idx",
            subject.algorithm,
            subject.value
        )
    }

    public func entries(predicateType: String) async throws -> [StoredEntry] {
        try await fetch("entries of type \(predicateType)", "WHERE predicate_type = $1 ORDER BY idx", predicateType)
    }

    public func entries(referencing target: RecordID) async throws -> [StoredEntry] {
        try await fetch(
            "entries citing \(target)",
            "WHERE idx IN (SELECT entry_idx FROM reference WHERE target = $1) ORDER BY idx",
            PostgresRows.bytes(target.digest)
        )
    }

    public func entries(signedBy keyID: String) async throws -> [StoredEntry] {
        try await fetch(
            "entries signed by \(keyID)",
            "WHERE idx IN (SELECT entry_idx FROM signer WHERE key_id = $1) ORDER BY idx",
            keyID
        )
    }

    private func fetch(
        _ what: String,
        _ clause: String,
        _ values: any PostgresEncodable & Sendable...
    ) async throws -> [StoredEntry] {
        var bindings = PostgresBindings()
        for value in values {
            try bindings.append(value)
        }
        let query = PostgresQuery(
            unsafeSQL: "SELECT \(PostgresRows.entryColumns) FROM entry \(clause)",
            binds: bindings
        )
        return try await database("reading \(what)") {
            try await PostgresRows.entries(client.query(query, logger: logger))
        }
    }
}
