import ColophonCrypto
import ColophonRecords
import Foundation
import GRDB

/// Conversions between rows and store values, shared by reads and the append transaction.
enum SQLiteRows {
    static func digest(_ data: Data, _ what: String) throws -> SHA256Digest {
        guard let digest = SHA256Digest(bytes: data) else {
            throw StorageError(.corrupt, "a stored \(what) is not 32 bytes")
        }
        return digest
    }

    static func entry(_ row: Row) throws -> StoredEntry {
        let index: Int64 = row[0]
        let recordID: Data = row[1]
        let body: Data = row[2]
        return StoredEntry(
            index: UInt64(index),
            recordID: RecordID(digest: try digest(recordID, "record id")),
            body: Array(body),
            predicateType: row[3],
            integratedAt: AppendPlan.date(row[4])
        )
    }

    static func head(_ row: Row) throws -> TreeHead {
        let size: Int64 = row[0]
        let root: Data = row[1]
        return TreeHead(
            size: UInt64(size),
            root: try digest(root, "root"),
            note: row[2],
            signedAt: AppendPlan.date(row[3])
        )
    }

    static func latestHead(_ db: Database) throws -> TreeHead? {
        let statement = try db.cachedStatement(
            sql: "SELECT size, root, note, signedAt FROM checkpoint ORDER BY size DESC LIMIT 1"
        )
        return try Row.fetchOne(statement).map(head)
    }

    static func insertHead(_ head: TreeHead, db: Database) throws {
        try db.execute(
            sql: "INSERT INTO checkpoint (size, root, note, signedAt) VALUES (?, ?, ?, ?)",
            arguments: [Int64(head.size), Data(head.root.bytes), head.note, AppendPlan.milliseconds(head.signedAt)]
        )
    }

    /// The 64-bit index key of a record id: its first eight bytes.
    static func recordKey(_ id: RecordID) -> Int64 {
        id.digest.withUnsafeBytes { raw in
            raw.prefix(8).reduce(Int64(0)) { $0 << 8 | Int64($1) }
        }
    }

    /// The 64-bit index key of a subject digest: the first eight bytes of
    /// SHA-256(algorithm ‖ 0x00 ‖ value), so any algorithm and encoding spreads evenly.
    static func subjectKey(_ subject: SubjectDigest) -> Int64 {
        let digest = SHA256.hash(Array(subject.algorithm.utf8) + [0] + Array(subject.value.utf8))
        return digest.withUnsafeBytes { raw in
            raw.prefix(8).reduce(Int64(0)) { $0 << 8 | Int64($1) }
        }
    }

    /// Fetches node hashes in the order asked, in batches to stay under SQLite's variable limit.
    /// Rows are read through the C interface: a proof reads dozens, and GRDB's row objects
    /// would cost more than the lookups.
    static func nodeHashes(_ keys: [Int64], db: Database) throws -> [SHA256Digest] {
        var found: [Int64: SHA256Digest] = [:]
        found.reserveCapacity(keys.count)
        for start in stride(from: 0, to: keys.count, by: 500) {
            let chunk = Array(keys[start..<min(keys.count, start + 500)])
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let statement = RawStatement(
                try db.cachedStatement(sql: "SELECT id, hash FROM node WHERE id IN (\(placeholders))"),
                database: db
            )
            for (position, key) in chunk.enumerated() {
                statement.bind(Int32(position + 1), key)
            }
            try statement.forEachRow { id, hash in
                guard hash.count == SHA256Digest.byteCount else {
                    throw StorageError(.corrupt, "a stored node hash is not 32 bytes")
                }
                found[id] = SHA256Digest(bytes: hash)
            }
        }
        return try keys.map { key in
            guard let hash = found[key] else {
                throw StorageError(.corrupt, "the subtree hash \(key >> 56)/\(key & 0x00FF_FFFF_FFFF_FFFF) is missing")
            }
            return hash
        }
    }
}
