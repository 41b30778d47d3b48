import ColophonCrypto
import ColophonRecords
import Foundation
import GRDB

extension SQLiteLedgerStore {
    public func append(
        _ entries: [PendingEntry],
        watching: Set<String>,
        integrate: @Sendable (IntegrationInput) throws -> Integration
    ) async throws -> [AppendOutcome] {
        try AppendPlan.checkSizes(entries)
        do {
            return try await pool.writeWithoutTransaction { db in
                var outcomes: [AppendOutcome] = []
                try db.inTransaction(.immediate) {
                    outcomes = try Self.appendInTransaction(entries, watching: watching, integrate: integrate, db: db)
                    return .commit
                }
                return outcomes
            }
        } catch {
            throw Self.storageError(error, path: path)
        }
    }

    /// The body of one append transaction; see ``LedgerStore/append(_:integrate:)``.
    private static func appendInTransaction(
        _ entries: [PendingEntry],
        watching: Set<String>,
        integrate: @Sendable (IntegrationInput) throws -> Integration,
        db: Database
    ) throws -> [AppendOutcome] {
        guard let previous = try SQLiteRows.latestHead(db) else {
            throw StorageError(.corrupt, "the ledger has no checkpoint; was it created with colophon init?")
        }
        let storedCount = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(idx) + 1, 0) FROM entry") ?? 0
        guard UInt64(storedCount) == previous.size else {
            throw StorageError(
                .corrupt,
                "the log holds \(storedCount) entries but its latest checkpoint covers \(previous.size)"
            )
        }
        let findRecord = RawStatement(
            try db.cachedStatement(sql: SQLiteLedgerStore.findRecordSQL),
            database: db
        )
        let plan = try AppendPlan(entries, previousSize: previous.size) { recordID in
            findRecord.bind(1, SQLiteRows.recordKey(recordID))
            findRecord.bind(2, blob: recordID.digest.bytes)
            return try findRecord.run().map(UInt64.init)
        }
        guard !plan.fresh.isEmpty else { return plan.outcomes }

        let edgeKeys = TreeShape.rightEdge(size: previous.size)
        let edgeHashes = try SQLiteRows.nodeHashes(edgeKeys.map(\.packed), db: db)
        // Log times never decrease along the log, so the last entry's is the latest.
        let lastTime = try Int64.fetchOne(db, sql: "SELECT integratedAt FROM entry ORDER BY idx DESC LIMIT 1") ?? 0
        let now = AppendPlan.logTime(after: lastTime)
        var lastWatched: UInt64?
        if !watching.isEmpty {
            let placeholders = Array(repeating: "?", count: watching.count).joined(separator: ",")
            lastWatched = try Int64.fetchOne(
                db,
                sql: """
                    SELECT MAX(e.idx) FROM entry e JOIN predicate_type t ON t.id = e.typeId
                    WHERE t.uri IN (\(placeholders))
                    """,
                arguments: StatementArguments(watching.sorted())
            ).map(UInt64.init)
        }
        let integration = try plan.integrate(
            integrate,
            previous: previous,
            rightEdge: zip(edgeKeys, edgeHashes).map { StoredNode(level: $0.0.level, index: $0.0.index, hash: $0.1) },
            integratedAt: AppendPlan.date(now),
            lastWatchedIndex: lastWatched
        )
        try insert(plan.fresh, from: previous.size, integratedAt: now, db: db)
        let insertNode = RawStatement(
            try db.cachedStatement(sql: "INSERT INTO node (id, hash) VALUES (?, ?)"),
            database: db
        )
        for node in integration.nodes {
            insertNode.bind(1, node.key.packed)
            insertNode.bind(2, blob: node.hash.bytes)
            try insertNode.run()
        }
        try SQLiteRows.insertHead(integration.head, db: db)
        return plan.outcomes
    }

    private static func insert(_ entries: [PendingEntry], from start: UInt64, integratedAt: Int64, db: Database) throws
    {
        var typeIDs: [String: Int64] = [:]
        for uri in Set(entries.map(\.predicateType)) {
            try db.execute(sql: "INSERT OR IGNORE INTO predicate_type (uri) VALUES (?)", arguments: [uri])
            typeIDs[uri] = try Int64.fetchOne(db, sql: "SELECT id FROM predicate_type WHERE uri = ?", arguments: [uri])
        }
        let insertEntry = RawStatement(
            try db.cachedStatement(
                sql: "INSERT INTO entry (idx, recordId, typeId, integratedAt, body) VALUES (?, ?, ?, ?, ?)"
            ),
            database: db
        )
        var keyRefs: [String: Int64] = [:]
        for keyID in Set(entries.flatMap(\.signers)) {
            try db.execute(sql: "INSERT OR IGNORE INTO signing_key (keyId) VALUES (?)", arguments: [keyID])
            keyRefs[keyID] = try Int64.fetchOne(
                db,
                sql: "SELECT id FROM signing_key WHERE keyId = ?",
                arguments: [keyID]
            )
        }
        let insertRecordKey = RawStatement(
            try db.cachedStatement(sql: "INSERT INTO record_key (key, entryIdx) VALUES (?, ?)"),
            database: db
        )
        let insertSubject = RawStatement(
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO subject (key, entryIdx) VALUES (?, ?)"),
            database: db
        )
        let insertReference = RawStatement(
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO reference (target, entryIdx) VALUES (?, ?)"),
            database: db
        )
        let insertSigner = RawStatement(
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO signer (keyRef, entryIdx) VALUES (?, ?)"),
            database: db
        )
        for (offset, entry) in entries.enumerated() {
            let index = Int64(start) + Int64(offset)
            insertEntry.bind(1, index)
            insertEntry.bind(2, blob: entry.recordID.digest.bytes)
            insertEntry.bind(3, typeIDs[entry.predicateType] ?? 0)
            insertEntry.bind(4, integratedAt)
            insertEntry.bind(5, blob: entry.body)
            try insertEntry.run()
            insertRecordKey.bind(1, SQLiteRows.recordKey(entry.recordID))
            insertRecordKey.bind(2, index)
            try insertRecordKey.run()
            for subject in entry.subjects {
                insertSubject.bind(1, SQLiteRows.subjectKey(subject))
                insertSubject.bind(2, index)
                try insertSubject.run()
            }
            for reference in entry.references {
                insertReference.bind(1, blob: reference.digest.bytes)
                insertReference.bind(2, index)
                try insertReference.run()
            }
            for signer in entry.signers {
                insertSigner.bind(1, keyRefs[signer] ?? 0)
                insertSigner.bind(2, index)
                try insertSigner.run()
            }
        }
    }
}
