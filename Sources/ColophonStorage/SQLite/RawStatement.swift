import GRDB
internal import GRDBSQLite

/// Binds and steps a prepared statement through the SQLite C interface directly.
///
/// Used only for the inserts of an append, which run millions of times in a bulk import:
/// GRDB's argument conversion costs more there than SQLite's own work. The statement comes
/// from GRDB's cache and stays owned by it.
struct RawStatement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer?
    private let sql: String

    init(_ statement: Statement, database: Database) {
        handle = statement.sqliteStatement
        connection = database.sqliteConnection
        sql = statement.sql
    }

    /// SQLite copies bound bytes at once (SQLITE_TRANSIENT), so buffers need not outlive a call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bind(_ position: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, position, value)
    }

    func bind(_ position: Int32, blob bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            _ = sqlite3_bind_blob(
                handle,
                position,
                raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                Int32(raw.count),
                Self.transient
            )
        }
    }

    func bind(_ position: Int32, text: String) {
        var text = text
        text.withUTF8 { utf8 in
            _ = utf8.withMemoryRebound(to: CChar.self) { chars in
                sqlite3_bind_text(handle, position, chars.baseAddress, Int32(chars.count), Self.transient)
            }
        }
    }

    /// Steps through every row, handing `body` the first column as an integer and the second
    /// as bytes (valid only during the call).
    func forEachRow(_ body: (Int64, UnsafeRawBufferPointer) throws -> Void) throws {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
            }
            let bytes = sqlite3_column_blob(handle, 1)
            let count = Int(sqlite3_column_bytes(handle, 1))
            try body(sqlite3_column_int64(handle, 0), UnsafeRawBufferPointer(start: bytes, count: count))
        }
    }

    /// Runs the statement once; returns the first column of the first row, if any.
    @discardableResult
    func run() throws -> Int64? {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_DONE:
            return nil
        case SQLITE_ROW:
            return sqlite3_column_int64(handle, 0)
        default:
            let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
        }
    }
}
