public import ColophonCrypto
public import ColophonRecords
public import ColophonStorage
import Foundation
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// The shared ledger store: the log's tables in one schema of a PostgreSQL database, which any
/// number of processes on any number of hosts may append to at once.
///
/// The database orders appends: each append transaction first takes a transaction-scoped
/// advisory lock for the schema, then reads the latest checkpoint, so two writers never extend
/// the same tree and checkpoints are never forked. A commit is acknowledged only after
/// PostgreSQL has made it durable. A process that wrote the log's last entry skips those reads
/// on its next append; the entry table's primary key catches anyone who appended meanwhile.
public final class PostgresLedgerStore: LedgerStore {
    public let location: PostgresLocation
    public let maxBlobBytes: Int
    let client: PostgresClient
    let logger: Logger
    private let runner: Task<Void, Never>
    /// The end of the log as this process's last append left it; nil when unknown.
    let tail = Mutex<PostgresLogTail?>(nil)

    /// The first key of the advisory lock that serialises appends (the second is the schema's
    /// hash): "CLPH" in ASCII.
    static let lockClass: Int32 = 0x434C_5048

    /// Connects to the database at `location` and brings the ledger's schema up to date,
    /// creating it if needed.
    ///
    /// - Throws: ``StorageError`` `.io` when the server cannot be reached, `.incompatible` for a
    ///   schema written by a newer Colophon.
    public init(
        location: PostgresLocation,
        maxBlobBytes: Int = SQLiteLedgerStore.defaultMaxBlobBytes,
        maximumConnections: Int = 8,
        connectTimeout: Duration = .seconds(10)
    ) async throws {
        self.location = location
        self.maxBlobBytes = maxBlobBytes
        var logger = Logger(label: "colophon.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let client = PostgresClient(
            configuration: location.clientConfiguration(maximumConnections: maximumConnections),
            backgroundLogger: logger
        )
        self.client = client
        self.runner = Task { await client.run() }
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                // The pool keeps retrying a server it cannot reach; a store that cannot connect
                // within the timeout is an error now, not a hang.
                group.addTask { try await PostgresSchema.migrate(self) }
                group.addTask {
                    try await Task.sleep(for: connectTimeout)
                    throw StorageError(
                        .io,
                        "\(location): cannot connect to the database within \(connectTimeout.components.seconds) s"
                    )
                }
                try await group.next()
                group.cancelAll()
            }
        } catch {
            runner.cancel()
            throw error
        }
    }

    /// Opens the store a `postgres://` URL names.
    public convenience init(url: String, maxBlobBytes: Int = SQLiteLedgerStore.defaultMaxBlobBytes) async throws {
        let location: PostgresLocation
        do {
            location = try PostgresLocation(url: url)
        } catch let error as PostgresLocationError {
            throw StorageError(.incompatible, error.reason)
        }
        try await self.init(location: location, maxBlobBytes: maxBlobBytes)
    }

    deinit {
        runner.cancel()
    }

    /// Closes the connections; the store cannot be used afterwards.
    public func close() {
        runner.cancel()
    }

    /// Runs database work, turning PostgreSQL failures into storage errors that say what failed
    /// where; other errors (the caller's own, from closures it passed in) come back unchanged.
    func database<T: Sendable>(_ what: String, _ body: @Sendable () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError {
            throw storageError(error, doing: what)
        } catch let error as PostgresTransactionError {
            // The transaction's own failure first; else what its body threw, as if unwrapped.
            if let failure = error.beginError ?? error.commitError ?? error.rollbackError {
                throw storageError(failure, doing: what)
            }
            guard let cause = error.closureError else { throw storageError(error, doing: what) }
            if cause is PSQLError { throw storageError(cause, doing: what) }
            throw cause
        } catch  where String(reflecting: type(of: error)).hasSuffix("ConnectionPoolError") {
            throw storageError(error, doing: what)
        }
    }

    func storageError(_ error: any Error, doing what: String) -> StorageError {
        guard let error = error as? PSQLError else {
            if String(reflecting: type(of: error)).hasSuffix("ConnectionPoolError") {
                // The pool gives up after repeated failures to connect.
                return StorageError(.io, "\(location): cannot connect to the database (\(what))")
            }
            return StorageError(.database, "\(location): \(what): \(error)")
        }
        if let state = error.serverInfo?[.sqlState] {
            let message = error.serverInfo?[.message] ?? state
            switch state {
            case "53100":
                return StorageError(.diskFull, "\(location): the database's disk is full; nothing was written")
            case "40001", "40P01": return StorageError(.conflict, "\(location): \(what): \(message)")
            case "57P01", "57P02", "57P03":
                return StorageError(.io, "\(location): the server is shutting down (\(message)); nothing was written")
            default: return StorageError(.database, "\(location): \(what): \(message) (SQLSTATE \(state))")
            }
        }
        switch error.code {
        case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            return StorageError(.io, "\(location): cannot reach the database (\(error.code))")
        case .queryCancelled:
            return StorageError(.io, "\(location): \(what) was cancelled")
        default:
            return StorageError(.database, "\(location): \(what): \(error.code)")
        }
    }

    public func initialize(emptyHead: TreeHead) async throws {
        try await database("initialize") {
            try await client.withTransaction(logger: logger) { connection in
                try await Self.lockAppends(connection, logger: logger)
                if try await PostgresRows.latestHead(connection, logger: logger) == nil {
                    try await PostgresRows.insertHead(emptyHead, connection: connection, logger: logger)
                }
            }
        }
    }

    /// Takes the append lock for this schema until the transaction ends.
    static func lockAppends(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            "SELECT pg_advisory_xact_lock(\(lockClass), hashtext(current_schema()))",
            logger: logger
        )
    }

    public func latestHead() async throws -> TreeHead {
        try await database("reading the latest checkpoint") {
            guard let head = try await client.withConnection({ try await PostgresRows.latestHead($0, logger: logger) })
            else {
                throw StorageError(
                    .corrupt,
                    "\(location): the ledger has no checkpoint; was it created with colophon init?"
                )
            }
            return head
        }
    }

    public func head(size: UInt64) async throws -> TreeHead? {
        try await database("reading checkpoint \(size)") {
            try await client.withConnection { connection in
                try await PostgresRows.head(size: size, connection, logger: logger)
            }
        }
    }

    public func headSizes() async throws -> [UInt64] {
        try await database("listing checkpoints") {
            var sizes: [UInt64] = []
            let rows = try await client.query("SELECT size FROM checkpoint ORDER BY size", logger: logger)
            for try await size in rows.decode(Int64.self) {
                sizes.append(UInt64(size))
            }
            return sizes
        }
    }

    public func nodeHashes(_ keys: [NodeKey]) async throws -> [SHA256Digest] {
        try await database("reading subtree hashes") {
            try await client.withConnection { connection in
                try await PostgresRows.nodeHashes(keys, connection, logger: logger)
            }
        }
    }

    /// Reads the record's index before the checkpoint: a record and the checkpoint covering it
    /// are committed together and subtree hashes never change, so what is read in this order
    /// is consistent without holding a transaction open.
    public func snapshot(
        size: UInt64?,
        record: RecordID?,
        nodes: @Sendable (UInt64, UInt64?) throws -> [NodeKey]
    ) async throws -> (head: TreeHead, recordIndex: UInt64?, nodes: [StoredNode])? {
        let found = try await database("reading a proof") {
            try await client.withConnection { connection -> (TreeHead, UInt64?, [NodeKey], [SHA256Digest])? in
                var recordIndex: UInt64?
                if let record {
                    guard let index = try await PostgresRows.index(of: record, connection, logger: logger) else {
                        return nil
                    }
                    recordIndex = index
                }
                let head: TreeHead?
                if let size {
                    head = try await PostgresRows.head(size: size, connection, logger: logger)
                } else {
                    head = try await PostgresRows.latestHead(connection, logger: logger)
                }
                guard let head else { return nil }
                let wanted = try nodes(head.size, recordIndex)
                let hashes = try await PostgresRows.nodeHashes(wanted, connection, logger: logger)
                return (head, recordIndex, wanted, hashes)
            }
        }
        guard let (head, recordIndex, wanted, hashes) = found else { return nil }
        return (
            head, recordIndex,
            zip(wanted, hashes).map { StoredNode(level: $0.0.level, index: $0.0.index, hash: $0.1) }
        )
    }

    public func putBlob(_ bytes: [UInt8]) async throws -> SHA256Digest {
        guard bytes.count <= maxBlobBytes else {
            throw StorageError(.tooLarge, "the blob is \(bytes.count) bytes; the limit is \(maxBlobBytes)")
        }
        let digest = SHA256.hash(bytes)
        try await database("storing a blob") {
            _ = try await client.query(
                """
                INSERT INTO blob (digest, size, data) VALUES (\(ByteBuffer(bytes: digest.bytes)), \(Int64(bytes.count)), \
                \(ByteBuffer(bytes: bytes))) ON CONFLICT DO NOTHING
                """,
                logger: logger
            )
        }
        return digest
    }

    public func blob(_ digest: SHA256Digest) async throws -> [UInt8]? {
        try await database("reading blob \(digest.hex)") {
            let rows = try await client.query(
                "SELECT data FROM blob WHERE digest = \(ByteBuffer(bytes: digest.bytes))",
                logger: logger
            )
            for try await data in rows.decode(ByteBuffer.self) {
                return Array(data.readableBytesView)
            }
            return nil
        }
    }
}
