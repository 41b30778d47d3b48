import ColophonStorage
import Logging
import PostgresNIO

/// The ledger's tables in PostgreSQL, versioned by a one-row table. A schema at a version this
/// program does not know was written by a newer Colophon and is refused rather than guessed at.
enum PostgresSchema {
    static let version: Int32 = 1

    /// Creates or checks the schema, under an advisory lock so that processes starting together
    /// do not race to create it.
    static func migrate(_ store: PostgresLedgerStore) async throws {
        let schema = store.location.schema
        let logger = store.logger
        try await store.database("preparing schema \(schema)") {
            try await store.client.withTransaction(logger: logger) { connection in
                try await connection.query(
                    "SELECT pg_advisory_xact_lock(\(PostgresLedgerStore.lockClass), 0)",
                    logger: logger
                )
                // The name was checked to be a plain identifier (PostgresLocation).
                try await connection.query(
                    PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"),
                    logger: logger
                )
                let rows = try await connection.query(
                    "SELECT to_regclass(\(schema + ".colophon_schema"))::text",
                    logger: logger
                )
                var exists = false
                for try await name in rows.decode(String?.self) where name != nil {
                    exists = true
                }
                if exists {
                    let versions = try await connection.query("SELECT version FROM colophon_schema", logger: logger)
                    for try await stored in versions.decode(Int32.self) where stored > version {
                        throw StorageError(
                            .incompatible,
                            "\(store.location): the ledger was written by a newer version of Colophon (schema \(stored))"
                        )
                    }
                    return
                }
                for statement in v1 {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO colophon_schema (version) VALUES (\(version))", logger: logger)
            }
        }
    }

    /// Version 1. Subjects are kept whole (algorithm and value), so lookups need no re-check;
    /// B-tree indexes serve every lookup the store makes.
    static let v1 = [
        "CREATE TABLE colophon_schema (version integer NOT NULL)",
        """
        CREATE TABLE entry (
            idx bigint PRIMARY KEY,
            record_id bytea NOT NULL UNIQUE,
            predicate_type text NOT NULL,
            integrated_at bigint NOT NULL,
            body bytea NOT NULL
        )
        """,
        "CREATE INDEX entry_type ON entry (predicate_type, idx)",
        """
        CREATE TABLE subject (
            algorithm text NOT NULL, value text NOT NULL, entry_idx bigint NOT NULL,
            PRIMARY KEY (algorithm, value, entry_idx)
        )
        """,
        "CREATE TABLE reference (target bytea NOT NULL, entry_idx bigint NOT NULL, PRIMARY KEY (target, entry_idx))",
        "CREATE TABLE signer (key_id text NOT NULL, entry_idx bigint NOT NULL, PRIMARY KEY (key_id, entry_idx))",
        "CREATE TABLE node (id bigint PRIMARY KEY, hash bytea NOT NULL)",
        """
        CREATE TABLE checkpoint (
            size bigint PRIMARY KEY, root bytea NOT NULL, note text NOT NULL, signed_at bigint NOT NULL
        )
        """,
        "CREATE TABLE blob (digest bytea PRIMARY KEY, size bigint NOT NULL, data bytea NOT NULL)",
        // What an append needs, read in one round trip once the append lock is held: the
        // latest checkpoint, the entry count, the last log time, the latest entry of a watched
        // type, which records are already there, and the right edge's subtree hashes. A
        // volatile function's statements each take a new snapshot, so the reads see every
        // append committed before the lock was granted.
        """
        CREATE FUNCTION append_state(lock_class integer, watched text[], ids bytea[])
        RETURNS TABLE (size bigint, root bytea, note text, signed_at bigint, stored bigint, last_time bigint,
                       last_watched bigint, found_ids bytea[], found_indexes bigint[], edge bytea[])
        LANGUAGE plpgsql VOLATILE
        -- A plan for these very ids: after five calls PostgreSQL would otherwise settle on a
        -- generic plan for `record_id = ANY(ids)` that scans the whole table (20x slower).
        SET plan_cache_mode = force_custom_plan
        AS $$
        DECLARE
            head checkpoint%ROWTYPE;
            edge_ids bigint[] := '{}';
            covered bigint := 0;
        BEGIN
            PERFORM pg_advisory_xact_lock(lock_class, hashtext(current_schema()));
            SELECT * INTO head FROM checkpoint c ORDER BY c.size DESC LIMIT 1;
            IF NOT FOUND THEN
                RETURN;
            END IF;
            FOR level IN REVERSE 62..0 LOOP
                IF (head.size >> level) & 1 = 1 THEN
                    edge_ids := edge_ids || (((level::bigint) << 56) | (covered >> level));
                    covered := covered + (1::bigint << level);
                END IF;
            END LOOP;
            RETURN QUERY SELECT head.size, head.root, head.note, head.signed_at,
                (SELECT COALESCE(MAX(e.idx) + 1, 0) FROM entry e),
                COALESCE((SELECT e.integrated_at FROM entry e ORDER BY e.idx DESC LIMIT 1), 0),
                (SELECT MAX(e.idx) FROM entry e WHERE e.predicate_type = ANY(watched)),
                ARRAY(SELECT e.record_id FROM entry e WHERE e.record_id = ANY(ids) ORDER BY e.idx),
                ARRAY(SELECT e.idx FROM entry e WHERE e.record_id = ANY(ids) ORDER BY e.idx),
                ARRAY(SELECT n.hash FROM unnest(edge_ids) WITH ORDINALITY AS w(id, position)
                      JOIN node n ON n.id = w.id ORDER BY w.position);
        END
        $$
        """,
    ]
}
