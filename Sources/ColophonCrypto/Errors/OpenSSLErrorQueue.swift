internal import COpenSSL

/// OpenSSL's thread-local error queue.
///
/// Read it right after the failing call, with no suspension point in between: a task may
/// resume on another thread, whose queue holds someone else's errors.
enum OpenSSLErrorQueue {
    /// Empties the queue and returns its entries as text, oldest first.
    static func drain() -> [String] {
        var entries: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            let end = buffer.firstIndex(of: 0) ?? buffer.count
            let bytes = buffer[..<end].map { UInt8(bitPattern: $0) }
            entries.append(String(decoding: bytes, as: UTF8.self))
        }
        return entries
    }

    /// Drops whatever is queued, so a failure that queued nothing is not blamed on stale entries.
    static func clear() {
        ERR_clear_error()
    }

    /// A ``CryptoError`` carrying the queue's current entries.
    static func error(_ code: CryptoError.Code, _ reason: String) -> CryptoError {
        CryptoError(code, reason, openSSLReasons: drain())
    }
}
