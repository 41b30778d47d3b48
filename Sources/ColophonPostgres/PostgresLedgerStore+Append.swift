import ColophonCrypto
import ColophonRecords
public import ColophonStorage
import Foundation
import Logging
import NIOCore
import PostgresNIO
import Synchronization

extension PostgresLedgerStore {
    public func append(
        _ entries: [PendingEntry],
        watching: Set<String>,
        integrate: @Sendable (IntegrationInput) throws -> Integration
    ) async throws -> [AppendOutcome] {
        try AppendPlan.checkSizes(entries)
        // Taken, not shared: an append that fails or races leaves the tail unknown.
        let known = tail.withLock { current in
            defer { current = nil }
            return current
        }
        if let known, known.watching == watching,
            let outcomes = try await appendAfterOwnTail(entries, tail: known, integrate: integrate)
        {
            return outcomes
        }
        let logger = self.logger
        let location = self.location
        let (outcomes, after) = try await database("appending \(entries.count) records") {
            try await client.withTransaction(logger: logger) { connection in
                try await Self.appendInTransaction(
                    entries,
                    watching: watching,
                    integrate: integrate,
                    location: location,
                    connection: connection,
                    logger: logger
                )
            }
        }
        tail.withLock { $0 = after }
        return outcomes
    }

    /// Appends on the assumption that the log still ends where this process's last append left
    /// it: no reads, three round trips (BEGIN, the write, COMMIT). Returns nil, having written
    /// nothing, when the assumption was wrong — another writer appended, one of the records is
    /// already in the log, or the log was cut back — so the caller appends the careful way.
    private func appendAfterOwnTail(
        _ entries: [PendingEntry],
        tail known: PostgresLogTail,
        integrate: @Sendable (IntegrationInput) throws -> Integration
    ) async throws -> [AppendOutcome]? {
        let plan = AppendPlan(entries, previousSize: known.head.size) { _ in nil }
        guard !plan.fresh.isEmpty else {
            tail.withLock { $0 = known }
            return plan.outcomes
        }
        let now = AppendPlan.logTime(after: known.lastTime)
        let integration = try plan.integrate(
            integrate,
            previous: known.head,
            rightEdge: known.rightEdge,
            integratedAt: AppendPlan.date(now),
            lastWatchedIndex: known.lastWatched
        )
        let logger = self.logger
        let written = try await database("appending \(entries.count) records") { () -> Bool in
            do {
                try await client.withTransaction(logger: logger) { connection in
                    try await Self.write(
                        plan.fresh,
                        extending: known.head,
                        integratedAt: now,
                        nodes: integration.nodes,
                        head: integration.head,
                        connection: connection,
                        logger: logger
                    )
                }
                return true
            } catch  where Self.tailWasWrong(error) {
                return false
            }
        }
        guard written else { return nil }
        let after = known.advanced(by: plan.fresh, integration: integration, integratedAt: now)
        tail.withLock { $0 = after }
        return plan.outcomes
    }

    /// Whether a failed write shows the log did not end where this process thought: it broke a
    /// primary key or unique constraint (another writer's entries, a record already there), or
    /// the checkpoint it extends is not there.
    static func tailWasWrong(_ error: any Error) -> Bool {
        let failure = (error as? PostgresTransactionError).flatMap { $0.closureError ?? $0.commitError } ?? error
        return failure is PostgresLogTail.Moved || (failure as? PSQLError)?.serverInfo?[.sqlState] == "23505"
    }

    /// The body of one append transaction, run while holding the append lock.
    private static func appendInTransaction(
        _ entries: [PendingEntry],
        watching: Set<String>,
        integrate: @Sendable (IntegrationInput) throws -> Integration,
        location: PostgresLocation,
        connection: PostgresConnection,
        logger: Logger
    ) async throws -> ([AppendOutcome], PostgresLogTail?) {
        // One round trip takes the append lock and reads everything the append needs
        // (PostgresSchema's append_state); four in all with BEGIN, the write and COMMIT.
        let state = try await connection.query(
            """
            SELECT * FROM append_state(\(lockClass), \(watching.sorted()), \
            \(entries.map { PostgresRows.bytes($0.recordID.digest) }))
            """,
            logger: logger
        )
        var read: (TreeHead, Int64, Int64, Int64?, [ByteBuffer], [Int64], [ByteBuffer])?
        for try await row in state.decode(
            (Int64, ByteBuffer, String, Int64, Int64, Int64, Int64?, [ByteBuffer], [Int64], [ByteBuffer]).self
        ) {
            let head = TreeHead(
                size: UInt64(row.0),
                root: try PostgresRows.digest(row.1, "root"),
                note: row.2,
                signedAt: AppendPlan.date(row.3)
            )
            read = (head, row.4, row.5, row.6, row.7, row.8, row.9)
        }
        guard let (previous, storedCount, lastTime, lastWatched, foundIDs, foundIndexes, edge) = read else {
            throw StorageError(
                .corrupt,
                "\(location): the ledger has no checkpoint; was it created with colophon init?"
            )
        }
        guard UInt64(storedCount) == previous.size else {
            throw StorageError(
                .corrupt,
                "\(location): the log holds \(storedCount) entries but its latest checkpoint covers \(previous.size)"
            )
        }
        let edgeKeys = TreeShape.rightEdge(size: previous.size)
        guard edge.count == edgeKeys.count else {
            throw StorageError(.corrupt, "\(location): subtree hashes of the log's right edge are missing")
        }
        let edgeHashes = try edge.map { try PostgresRows.digest($0, "node hash") }
        var existing: [SHA256Digest: UInt64] = [:]
        for (recordID, index) in zip(foundIDs, foundIndexes) {
            existing[try PostgresRows.digest(recordID, "record id")] = UInt64(index)
        }
        let plan = AppendPlan(entries, previousSize: previous.size) { existing[$0.digest] }
        let before = PostgresLogTail(
            head: previous,
            rightEdge: zip(edgeKeys, edgeHashes).map { StoredNode(level: $0.0.level, index: $0.0.index, hash: $0.1) },
            lastTime: lastTime,
            watching: watching,
            lastWatched: lastWatched.map(UInt64.init)
        )
        guard !plan.fresh.isEmpty else { return (plan.outcomes, before) }

        let now = AppendPlan.logTime(after: lastTime)
        let integration = try plan.integrate(
            integrate,
            previous: previous,
            rightEdge: before.rightEdge,
            integratedAt: AppendPlan.date(now),
            lastWatchedIndex: before.lastWatched
        )
        do {
            try await write(
                plan.fresh,
                extending: previous,
                integratedAt: now,
                nodes: integration.nodes,
                head: integration.head,
                connection: connection,
                logger: logger
            )
        } catch is PostgresLogTail.Moved {
            throw StorageError(
                .conflict,
                "\(location): checkpoint \(previous.size) changed while the append held the lock"
            )
        }
        return (plan.outcomes, before.advanced(by: plan.fresh, integration: integration, integratedAt: now))
    }

    /// Writes the entries, their index rows, the completed subtrees and the new checkpoint in one
    /// statement (data-modifying CTEs): one round trip whatever the batch size.
    ///
    /// Every insert draws on `l`, which takes the append lock first (a no-op when the
    /// transaction holds it already) and only if the checkpoint being extended is there: a
    /// writer that did not read under the lock still waits for the one that did, then fails on
    /// the primary keys it would have duplicated, and one whose log was cut back writes nothing.
    private static func write(
        _ entries: [PendingEntry],
        extending previous: TreeHead,
        integratedAt: Int64,
        nodes: [StoredNode],
        head: TreeHead,
        connection: PostgresConnection,
        logger: Logger
    ) async throws {
        let indexes = entries.indices.map { Int64(previous.size) + Int64($0) }
        var subjectAlgorithms: [String] = []
        var subjectValues: [String] = []
        var subjectEntries: [Int64] = []
        var targets: [ByteBuffer] = []
        var targetEntries: [Int64] = []
        var signers: [String] = []
        var signerEntries: [Int64] = []
        for (entry, index) in zip(entries, indexes) {
            for subject in Set(entry.subjects) {
                subjectAlgorithms.append(subject.algorithm)
                subjectValues.append(subject.value)
                subjectEntries.append(index)
            }
            for target in Set(entry.references) {
                targets.append(PostgresRows.bytes(target.digest))
                targetEntries.append(index)
            }
            for signer in Set(entry.signers) {
                signers.append(signer)
                signerEntries.append(index)
            }
        }
        let written = try await connection.query(
            """
            WITH l AS (SELECT pg_advisory_xact_lock(\(lockClass), hashtext(current_schema())) FROM checkpoint c \
            WHERE c.size = \(Int64(previous.size)) AND c.root = \(PostgresRows.bytes(previous.root))), \
            e AS (INSERT INTO entry (idx, record_id, predicate_type, integrated_at, body) \
            SELECT u.i, u.r, u.t, \(integratedAt), u.b FROM l, UNNEST(\(indexes)::bigint[], \
            \(entries.map { PostgresRows.bytes($0.recordID.digest) })::bytea[], \
            \(entries.map(\.predicateType))::text[], \(entries.map { ByteBuffer(bytes: $0.body) })::bytea[]) AS u(i, r, t, b)), \
            s AS (INSERT INTO subject (algorithm, value, entry_idx) SELECT u.a, u.v, u.i FROM l, \
            UNNEST(\(subjectAlgorithms)::text[], \(subjectValues)::text[], \(subjectEntries)::bigint[]) AS u(a, v, i)), \
            f AS (INSERT INTO reference (target, entry_idx) SELECT u.t, u.i FROM l, UNNEST(\(targets)::bytea[], \
            \(targetEntries)::bigint[]) AS u(t, i)), \
            g AS (INSERT INTO signer (key_id, entry_idx) SELECT u.k, u.i FROM l, \
            UNNEST(\(signers)::text[], \(signerEntries)::bigint[]) AS u(k, i)), \
            n AS (INSERT INTO node (id, hash) SELECT u.k, u.h FROM l, UNNEST(\(nodes.map(\.key.packed))::bigint[], \
            \(nodes.map { PostgresRows.bytes($0.hash) })::bytea[]) AS u(k, h)) \
            INSERT INTO checkpoint (size, root, note, signed_at) SELECT \(Int64(head.size)), \
            \(PostgresRows.bytes(head.root)), \(head.note), \(AppendPlan.milliseconds(head.signedAt)) FROM l \
            RETURNING size
            """,
            logger: logger
        )
        var rows = 0
        for try await _ in written.decode(Int64.self) { rows += 1 }
        // No row: the checkpoint this append extends is not there (the log was cut back by a
        // restore or a lost commit), so nothing was written.
        guard rows == 1 else { throw PostgresLogTail.Moved() }
    }
}
