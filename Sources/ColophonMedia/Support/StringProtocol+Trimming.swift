extension StringProtocol {
    /// The text without leading and trailing Unicode whitespace.
    var trimmingWhitespace: String {
        let bytes = Array(utf8)
        // ASCII whitespace from the UTF-8 bytes; anything else falls back to scalar properties.
        func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        var start = 0
        while start < bytes.count, isASCIISpace(bytes[start]) { start += 1 }
        var end = bytes.count
        while end > start, isASCIISpace(bytes[end - 1]) { end -= 1 }
        let trimmed = String(decoding: bytes[start..<end], as: UTF8.self)
        // Non-ASCII whitespace can only be there if an edge byte is non-ASCII.
        guard start < end, bytes[start] >= 0x80 || bytes[end - 1] >= 0x80 else { return trimmed }
        guard let first = trimmed.unicodeScalars.first, let last = trimmed.unicodeScalars.last,
            first.properties.isWhitespace || last.properties.isWhitespace
        else { return trimmed }
        let scalars = trimmed.unicodeScalars
        guard let from = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let to = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(trimmed[from...to])
    }
}
