public import ColophonCrypto
public import ColophonRecords
import Foundation
import GRDB

/// The embedded ledger store: one SQLite file in WAL mode, written with `synchronous=FULL`,
/// so an acknowledged append has reached the disk.
///
/// Several processes may open the same file; SQLite's write lock serialises their appends, and
/// each append re-reads the latest checkpoint inside its transaction.
public final class SQLiteLedgerStore: LedgerStore {
    /// Finds a record's index by id: the key narrows, the whole id decides.
    static let findRecordSQL =
        "SELECT e.idx FROM record_key k JOIN entry e ON e.idx = k.entryIdx WHERE k.key = ? AND e.recordId = ?"

    /// The default limit on one blob.
    public static let defaultMaxBlobBytes = 64 << 20
    /// Page cache per connection. The index B-trees take random keys (digests); keeping their
    /// pages cached stops appends to a large ledger from re-reading them.
    static let cacheKiB = 256 * 1024
    /// How much of the file reads may map.
    static let mmapBytes = 1 << 34

    let pool: DatabasePool
    public let path: String
    public let maxBlobBytes: Int

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    ///
    /// - Throws: ``StorageError`` `.incompatible` for a store written by a newer Colophon.
    public init(path: String, maxBlobBytes: Int = SQLiteLedgerStore.defaultMaxBlobBytes) throws {
        self.path = path
        self.maxBlobBytes = maxBlobBytes
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(30)
        configuration.label = "colophon"
        configuration.prepareDatabase { db in
            // 16 KiB pages: fewer B-tree levels and far fewer page writes per bulk append than
            // the 4 KiB default (measured in docs/performance.md). Takes effect when the file
            // is created.
            try db.execute(sql: "PRAGMA page_size = 16384")
            try db.execute(sql: "PRAGMA cache_size = -\(Self.cacheKiB)")
            // Reads go through a memory map of the file: proofs read a handful of scattered
            // pages, and the operating system's cache serves them without a copy.
            try db.execute(sql: "PRAGMA mmap_size = \(Self.mmapBytes)")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB turns the writer to `synchronous=NORMAL` when it enables WAL, after
            // `prepareDatabase`; an acknowledged append must survive a power cut, so FULL is
            // set again here, on the one connection that writes.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            try SQLiteSchema.migrate(pool)
        } catch let error as StorageError {
            throw error
        } catch {
            throw SQLiteLedgerStore.storageError(error, path: path)
        }
    }

    /// Maps SQLite failures to storage errors that name the cause.
    static func storageError(_ error: any Error, path: String) -> StorageError {
        if let error = error as? StorageError { return error }
        guard let database = error as? DatabaseError else {
            return StorageError(.database, "\(path): \(error)")
        }
        switch database.resultCode {
        case .SQLITE_FULL:
            return StorageError(.diskFull, "\(path): the disk is full; nothing was written")
        case .SQLITE_IOERR:
            return StorageError(.io, "\(path): I/O error (\(database.message ?? "no detail")); nothing was written")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StorageError(.busy, "\(path): the ledger is locked by another process")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return StorageError(.corrupt, "\(path) is damaged or not a Colophon ledger")
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
            return StorageError(.io, "\(path): cannot open for writing (\(database.message ?? "permission denied"))")
        default:
            return StorageError(.database, "\(path): \(database.message ?? "\(database)")")
        }
    }

    /// Runs a read in a snapshot of the database. The caller's own errors (from a closure it
    /// passed in) come back unchanged.
    ///
    /// Synchronously, on the calling thread: the reads are short point lookups, and GRDB's
    /// asynchronous path (a hop to a reader queue and back) costs several times more than the
    /// query itself — it would dominate proof latency. Nothing inside awaits, so a reader
    /// connection is never held across a suspension.
    func read<T: Sendable>(_ body: (Database) throws -> T) async throws -> T {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw Self.storageError(error, path: path)
        }
    }

    public func initialize(emptyHead: TreeHead) async throws {
        do {
            try await pool.write { db in
                let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM checkpoint") ?? 0
                guard count == 0 else { return }
                try SQLiteRows.insertHead(emptyHead, db: db)
            }
        } catch {
            throw Self.storageError(error, path: path)
        }
    }

    public func latestHead() async throws -> TreeHead {
        try await read { db in
            guard let head = try SQLiteRows.latestHead(db) else {
                throw StorageError(.corrupt, "the ledger has no checkpoint; was it created with colophon init?")
            }
            return head
        }
    }

    public func head(size: UInt64) async throws -> TreeHead? {
        // No log reaches 2^63 entries; a larger size (a client's) is simply not there.
        guard let size = Int64(exactly: size) else { return nil }
        return try await read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT size, root, note, signedAt FROM checkpoint WHERE size = ?",
                arguments: [size]
            )
            .map(SQLiteRows.head)
        }
    }

    public func headSizes() async throws -> [UInt64] {
        try await read { db in
            try Int64.fetchAll(db, sql: "SELECT size FROM checkpoint ORDER BY size").map(UInt64.init)
        }
    }

    public func nodeHashes(_ keys: [NodeKey]) async throws -> [SHA256Digest] {
        try await read { db in try SQLiteRows.nodeHashes(keys.map(\.packed), db: db) }
    }

    /// The writing connection's `synchronous` setting (2 is FULL), so tests can hold the store
    /// to its durability promise.
    func writerSynchronousMode() async throws -> Int {
        try await pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// Moves the write-ahead log into the database file and truncates it (for backups, and to
    /// measure the store's size).
    public func checkpointWAL() async throws {
        do {
            try await pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        } catch {
            throw Self.storageError(error, path: path)
        }
    }

    public func snapshot(
        size: UInt64?,
        record: RecordID?,
        nodes: @Sendable (UInt64, UInt64?) throws -> [NodeKey]
    ) async throws -> (head: TreeHead, recordIndex: UInt64?, nodes: [StoredNode])? {
        try await read { db in
            let head: TreeHead?
            if let size {
                guard let size = Int64(exactly: size) else { return nil }
                let statement = try db.cachedStatement(
                    sql: "SELECT size, root, note, signedAt FROM checkpoint WHERE size = ?"
                )
                head = try Row.fetchOne(statement, arguments: [size]).map(SQLiteRows.head)
            } else {
                head = try SQLiteRows.latestHead(db)
            }
            guard let head else { return nil }
            var recordIndex: UInt64?
            if let record {
                let statement = RawStatement(try db.cachedStatement(sql: Self.findRecordSQL), database: db)
                statement.bind(1, SQLiteRows.recordKey(record))
                statement.bind(2, blob: record.digest.bytes)
                guard let index = try statement.run() else { return nil }
                recordIndex = UInt64(index)
            }
            let wanted = try nodes(head.size, recordIndex)
            let hashes = try SQLiteRows.nodeHashes(wanted.map(\.packed), db: db)
            return (
                head, recordIndex,
                zip(wanted, hashes).map { StoredNode(level: $0.0.level, index: $0.0.index, hash: $0.1) }
            )
        }
    }

    public func putBlob(_ bytes: [UInt8]) async throws -> SHA256Digest {
        guard bytes.count <= maxBlobBytes else {
            throw StorageError(.tooLarge, "the blob is \(bytes.count) bytes; the limit is \(maxBlobBytes)")
        }
        let digest = SHA256.hash(bytes)
        do {
            try await pool.write { db in
                try db.execute(
                    sql: "INSERT OR IGNORE INTO blob (digest, size, data) VALUES (?, ?, ?)",
                    arguments: [Data(digest.bytes), bytes.count, Data(bytes)]
                )
            }
        } catch {
            throw Self.storageError(error, path: path)
        }
        return digest
    }

    public func blob(_ digest: SHA256Digest) async throws -> [UInt8]? {
        try await read { db in
            try Data.fetchOne(db, sql: "SELECT data FROM blob WHERE digest = ?", arguments: [Data(digest.bytes)]).map {
                Array($0)
            }
        }
    }
}
