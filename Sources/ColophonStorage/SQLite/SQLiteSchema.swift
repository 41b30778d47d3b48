import GRDB

/// The store's schema, versioned with GRDB migrations. A store that has applied a migration
/// this program does not know was written by a newer Colophon and is refused rather than
/// guessed at.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // Index tables are WITHOUT ROWID with the looked-up column first: one B-tree each,
            // instead of a table and an index holding the same data twice. Record ids and
            // subject digests are indexed by a 64-bit key, not the whole digest: the indexes take
            // random keys, every append rewrites pages all over them, and small entries mean
            // fewer pages. Lookups compare the whole value, so the key only narrows the search.
            try db.execute(
                sql: """
                    CREATE TABLE predicate_type (id INTEGER PRIMARY KEY, uri TEXT NOT NULL UNIQUE);
                    CREATE TABLE signing_key (id INTEGER PRIMARY KEY, keyId TEXT NOT NULL UNIQUE);
                    CREATE TABLE entry (
                        idx INTEGER PRIMARY KEY,
                        recordId BLOB NOT NULL,
                        typeId INTEGER NOT NULL REFERENCES predicate_type(id),
                        integratedAt INTEGER NOT NULL,
                        body BLOB NOT NULL
                    );
                    CREATE INDEX entry_type ON entry(typeId);
                    CREATE TABLE record_key (
                        key INTEGER NOT NULL, entryIdx INTEGER NOT NULL,
                        PRIMARY KEY (key, entryIdx)
                    ) WITHOUT ROWID;
                    CREATE TABLE subject (
                        key INTEGER NOT NULL, entryIdx INTEGER NOT NULL,
                        PRIMARY KEY (key, entryIdx)
                    ) WITHOUT ROWID;
                    CREATE TABLE reference (
                        target BLOB NOT NULL, entryIdx INTEGER NOT NULL,
                        PRIMARY KEY (target, entryIdx)
                    ) WITHOUT ROWID;
                    CREATE TABLE signer (
                        keyRef INTEGER NOT NULL, entryIdx INTEGER NOT NULL,
                        PRIMARY KEY (keyRef, entryIdx)
                    ) WITHOUT ROWID;
                    CREATE TABLE node (id INTEGER PRIMARY KEY, hash BLOB NOT NULL);
                    CREATE TABLE checkpoint (
                        size INTEGER PRIMARY KEY,
                        root BLOB NOT NULL,
                        note TEXT NOT NULL,
                        signedAt INTEGER NOT NULL
                    );
                    CREATE TABLE blob (digest BLOB PRIMARY KEY, size INTEGER NOT NULL, data BLOB NOT NULL);
                    """
            )
        }
        return migrator
    }

    static func migrate(_ writer: some DatabaseWriter) throws {
        let migrator = migrator
        let newer = try writer.read { db in
            try migrator.hasBeenSuperseded(db)
        }
        guard !newer else {
            throw StorageError(.incompatible, "the ledger was written by a newer version of Colophon")
        }
        try migrator.migrate(writer)
    }
}
