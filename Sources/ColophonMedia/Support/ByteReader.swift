/// Bounds-checked reading of binary formats: every read names what it was reading when the
/// data runs out, so a truncated file yields a clear error instead of a crash.
struct ByteReader {
    let bytes: [UInt8]
    var offset: Int
    let end: Int

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        offset = start
        self.end = min(end ?? bytes.count, bytes.count)
    }

    var remaining: Int { end - offset }
    var isAtEnd: Bool { offset >= end }

    mutating func take(_ count: Int, _ what: String) throws(MediaError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else {
            throw MediaError(.truncated, "the data ends inside \(what)")
        }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func skip(_ count: Int, _ what: String) throws(MediaError) {
        _ = try take(count, what)
    }

    mutating func uint8(_ what: String) throws(MediaError) -> UInt8 {
        try take(1, what).first ?? 0
    }

    mutating func uint16BE(_ what: String) throws(MediaError) -> UInt16 {
        try take(2, what).reduce(0) { $0 << 8 | UInt16($1) }
    }

    mutating func uint32BE(_ what: String) throws(MediaError) -> UInt32 {
        try take(4, what).reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func uint32LE(_ what: String) throws(MediaError) -> UInt32 {
        try take(4, what).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func uint64LE(_ what: String) throws(MediaError) -> UInt64 {
        try take(8, what).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }
}

extension Array where Element == UInt8 {
    mutating func appendBE(_ value: UInt32) {
        append(contentsOf: [
            UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF),
        ])
    }

    mutating func appendBE(_ value: UInt16) {
        append(contentsOf: [UInt8(value >> 8), UInt8(value & 0xFF)])
    }

    mutating func appendLE(_ value: UInt32) {
        append(contentsOf: [
            UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24),
        ])
    }
}
