import ColophonCrypto
import ColophonRecords
import ColophonStorage
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// Conversions between rows and store values, and the reads the append transaction shares with
/// the read path.
enum PostgresRows {
    static func digest(_ buffer: ByteBuffer, _ what: String) throws -> SHA256Digest {
        guard let digest = SHA256Digest(bytes: Array(buffer.readableBytesView)) else {
            throw StorageError(.corrupt, "a stored \(what) is not 32 bytes")
        }
        return digest
    }

    static func bytes(_ digest: SHA256Digest) -> ByteBuffer {
        ByteBuffer(bytes: digest.bytes)
    }

    static let headColumns = "size, root, note, signed_at"

    static func heads(_ rows: PostgresRowSequence) async throws -> [TreeHead] {
        var heads: [TreeHead] = []
        for try await (size, root, note, signedAt) in rows.decode((Int64, ByteBuffer, String, Int64).self) {
            heads.append(
                TreeHead(
                    size: UInt64(size),
                    root: try digest(root, "root"),
                    note: note,
                    signedAt: AppendPlan.date(signedAt)
                )
            )
        }
        return heads
    }

    static func latestHead(_ connection: PostgresConnection, logger: Logger) async throws -> TreeHead? {
        try await heads(
            connection.query(
                PostgresQuery(unsafeSQL: "SELECT \(headColumns) FROM checkpoint ORDER BY size DESC LIMIT 1"),
                logger: logger
            )
        ).first
    }

    static func head(size: UInt64, _ connection: PostgresConnection, logger: Logger) async throws -> TreeHead? {
        guard let size = Int64(exactly: size) else { return nil }
        var bindings = PostgresBindings()
        bindings.append(size)
        return try await heads(
            connection.query(
                PostgresQuery(unsafeSQL: "SELECT \(headColumns) FROM checkpoint WHERE size = $1", binds: bindings),
                logger: logger
            )
        ).first
    }

    static func insertHead(_ head: TreeHead, connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO checkpoint (size, root, note, signed_at) VALUES (\(Int64(head.size)), \(bytes(head.root)), \
            \(head.note), \(AppendPlan.milliseconds(head.signedAt)))
            """,
            logger: logger
        )
    }

    static func index(of record: RecordID, _ connection: PostgresConnection, logger: Logger) async throws -> UInt64? {
        let rows = try await connection.query(
            "SELECT idx FROM entry WHERE record_id = \(bytes(record.digest))",
            logger: logger
        )
        for try await index in rows.decode(Int64.self) {
            return UInt64(index)
        }
        return nil
    }

    /// The hashes of the subtrees `keys` names, in that order; every one must exist.
    static func nodeHashes(
        _ keys: [NodeKey],
        _ connection: PostgresConnection,
        logger: Logger
    ) async throws
        -> [SHA256Digest]
    {
        guard !keys.isEmpty else { return [] }
        let rows = try await connection.query(
            "SELECT id, hash FROM node WHERE id = ANY(\(keys.map(\.packed)))",
            logger: logger
        )
        var found: [Int64: SHA256Digest] = [:]
        for try await (id, hash) in rows.decode((Int64, ByteBuffer).self) {
            found[id] = try digest(hash, "node hash")
        }
        return try keys.map { key in
            guard let hash = found[key.packed] else {
                throw StorageError(.corrupt, "the subtree hash \(key.level)/\(key.index) is missing")
            }
            return hash
        }
    }

    static let entryColumns = "idx, record_id, body, predicate_type, integrated_at"

    static func entries(_ rows: PostgresRowSequence) async throws -> [StoredEntry] {
        var entries: [StoredEntry] = []
        for try await (index, recordID, body, type, time) in rows.decode(
            (Int64, ByteBuffer, ByteBuffer, String, Int64).self
        ) {
            entries.append(
                StoredEntry(
                    index: UInt64(index),
                    recordID: RecordID(digest: try digest(recordID, "record id")),
                    body: Array(body.readableBytesView),
                    predicateType: type,
                    integratedAt: AppendPlan.date(time)
                )
            )
        }
        return entries
    }
}
