import ColophonCrypto
import ColophonRecords
public import ColophonStorage
import Foundation
import Logging
import NIOCore
import PostgresNIO

extension PostgresLedgerStore {
    public func append(
        _ entries: [PendingEntry],
        watching: Set<String>,
        integrate: @Sendable (IntegrationInput) throws -> Integration
    ) async throws -> [AppendOutcome] {
        try AppendPlan.checkSizes(entries)
        let logger = self.logger
        let location = self.location
        return try await database("appending \(entries.count) records") {
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
    }

    /// The body of one append transaction, run while holding the append lock.
    private static func appendInTransaction(
        _ entries: [PendingEntry],
        watching: Set<String>,
        integrate: @Sendable (IntegrationInput) throws -> Integration,
        location: PostgresLocation,
        connection: PostgresConnection,
        logger: Logger
    ) async throws -> [AppendOutcome] {
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
        guard !plan.fresh.isEmpty else { return plan.outcomes }

        let now = AppendPlan.logTime(after: lastTime)
        let integration = try plan.integrate(
            integrate,
            previous: previous,
            rightEdge: zip(edgeKeys, edgeHashes).map { StoredNode(level: $0.0.level, index: $0.0.index, hash: $0.1) },
            integratedAt: AppendPlan.date(now),
            lastWatchedIndex: lastWatched.map(UInt64.init)
        )
        try await write(
            plan.fresh,
            from: previous.size,
            integratedAt: now,
            nodes: integration.nodes,
            head: integration.head,
            connection: connection,
            logger: logger
        )
        return plan.outcomes
    }

    /// Writes the entries, their index rows, the completed subtrees and the new checkpoint in one
    /// statement (data-modifying CTEs): one round trip whatever the batch size.
    private static func write(
        _ entries: [PendingEntry],
        from start: UInt64,
        integratedAt: Int64,
        nodes: [StoredNode],
        head: TreeHead,
        connection: PostgresConnection,
        logger: Logger
    ) async throws {
        let indexes = entries.indices.map { Int64(start) + Int64($0) }
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
        try await connection.query(
            """
            WITH e AS (INSERT INTO entry (idx, record_id, predicate_type, integrated_at, body) \
            SELECT i, r, t, \(integratedAt), b FROM UNNEST(\(indexes)::bigint[], \
            \(entries.map { PostgresRows.bytes($0.recordID.digest) })::bytea[], \
            \(entries.map(\.predicateType))::text[], \(entries.map { ByteBuffer(bytes: $0.body) })::bytea[]) AS u(i, r, t, b)), \
            s AS (INSERT INTO subject (algorithm, value, entry_idx) SELECT * FROM UNNEST(\(subjectAlgorithms)::text[], \
            \(subjectValues)::text[], \(subjectEntries)::bigint[])), \
            f AS (INSERT INTO reference (target, entry_idx) SELECT * FROM UNNEST(\(targets)::bytea[], \
            \(targetEntries)::bigint[])), \
            g AS (INSERT INTO signer (key_id, entry_idx) SELECT * FROM UNNEST(\(signers)::text[], \(signerEntries)::bigint[])), \
            n AS (INSERT INTO node (id, hash) SELECT * FROM UNNEST(\(nodes.map(\.key.packed))::bigint[], \
            \(nodes.map { PostgresRows.bytes($0.hash) })::bytea[])) \
            INSERT INTO checkpoint (size, root, note, signed_at) VALUES (\(Int64(head.size)), \
            \(PostgresRows.bytes(head.root)), \(head.note), \(AppendPlan.milliseconds(head.signedAt)))
            """,
            logger: logger
        )
    }
}
