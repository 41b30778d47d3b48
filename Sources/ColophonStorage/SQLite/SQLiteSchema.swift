import GRDB

/// The store's schema, versioned with GRDB migrations. A store that has applied a migration
/// this program does not know was written by a newer Colophon and is refused rather than
/// guessed at.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE predicate_type (id INTEGER PRIMARY KEY, uri TEXT NOT NULL UNIQUE);
                    CREATE TABLE entry (
                        idx INTEGER PRIMARY KEY,
                        recordId BLOB NOT NULL UNIQUE,
                        typeId INTEGER NOT NULL REFERENCES predicate_type(id),
                        integratedAt INTEGER NOT NULL,
                        body BLOB NOT NULL
                    );
                    CREATE INDEX entry_type ON entry(typeId);
                    CREATE TABLE subject (entryIdx INTEGER NOT NULL, algorithm TEXT NOT NULL, digest TEXT NOT NULL);
                    CREATE INDEX subject_digest ON subject(digest, algorithm);
                    CREATE TABLE reference (entryIdx INTEGER NOT NULL, target BLOB NOT NULL);
                    CREATE INDEX reference_target ON reference(target);
                    CREATE TABLE signer (entryIdx INTEGER NOT NULL, keyId TEXT NOT NULL);
                    CREATE INDEX signer_key ON signer(keyId);
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
