/// The recursive-descent reader behind ``LooseJSON``.
struct LooseJSONParser {
    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            let byte = bytes[position]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            position += 1
        }
    }

    private func fail(_ reason: String) -> MediaError {
        MediaError(position >= bytes.count ? .truncated : .malformed, "JSON: \(reason) at byte \(position)")
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let pattern = word.utf8Start
        for offset in 0..<count where bytes[position + offset] != pattern[offset] { return false }
        position += count
        return true
    }

    mutating func value(depth: Int) throws(MediaError) -> LooseJSON {
        guard depth < LooseJSON.maxDepth else {
            throw MediaError(.tooLarge, "JSON nests deeper than \(LooseJSON.maxDepth)")
        }
        skipWhitespace()
        guard position < bytes.count else { throw fail("expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            position += 1
            var members: [LooseJSON.Member] = []
            members.reserveCapacity(8)
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                    throw fail("expected a member name")
                }
                let key = try string()
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                position += 1
                members.append(.init(key: key, value: try value(depth: depth + 1)))
                skipWhitespace()
                guard position < bytes.count else { throw fail("unterminated object") }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                guard bytes[position] == UInt8(ascii: "}") else { throw fail("expected ',' or '}'") }
                position += 1
                return .object(members)
            }
        case UInt8(ascii: "["):
            position += 1
            var items: [LooseJSON] = []
            items.reserveCapacity(4)
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(items)
            }
            while true {
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                guard position < bytes.count else { throw fail("unterminated array") }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                guard bytes[position] == UInt8(ascii: "]") else { throw fail("expected ',' or ']'") }
                position += 1
                return .array(items)
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try number())
        default:
            if literal("true") { return .bool(true) }
            if literal("false") { return .bool(false) }
            if literal("null") { return .null }
            if literal("NaN") { return .number("NaN") }
            if literal("Infinity") { return .number("Infinity") }
            if literal("-Infinity") { return .number("-Infinity") }
            return .number(try number())
        }
    }

    private mutating func number() throws(MediaError) -> String {
        let start = position
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        let digitsStart = position
        while position < bytes.count, isNumberByte(bytes[position]) { position += 1 }
        guard position > digitsStart else { throw fail("expected a value") }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard Double(text) != nil else { throw fail("bad number \(text)") }
        return text
    }

    private func isNumberByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
            || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }

    private mutating func string() throws(MediaError) -> String {
        position += 1
        // Most strings have no escapes: find the closing quote and decode the bytes at once.
        let start = position
        var scan = position
        while scan < bytes.count, bytes[scan] != UInt8(ascii: "\""), bytes[scan] != UInt8(ascii: "\\") { scan += 1 }
        if scan < bytes.count, bytes[scan] == UInt8(ascii: "\"") {
            position = scan + 1
            return String(decoding: bytes[start..<scan], as: UTF8.self)
        }
        var out: [UInt8] = Array(bytes[start..<scan])
        position = scan
        while true {
            guard position < bytes.count else { throw fail("unterminated string") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                break
            }
            if byte != UInt8(ascii: "\\") {
                out.append(byte)
                position += 1
                continue
            }
            position += 1
            guard position < bytes.count else { throw fail("unterminated escape") }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var unit = try hex4()
                var scalar: Unicode.Scalar?
                if (0xD800..<0xDC00).contains(unit), literal("\\u") {
                    let low = try hex4()
                    if (0xDC00..<0xE000).contains(low) {
                        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        scalar = Unicode.Scalar(unit)
                    } else {
                        out.append(contentsOf: Array("\u{FFFD}".utf8))
                        scalar = Unicode.Scalar(low)
                    }
                } else {
                    scalar = Unicode.Scalar(unit)
                }
                // Lone surrogates (Python can write them) become U+FFFD rather than an error.
                out.append(contentsOf: Array(String(scalar ?? "\u{FFFD}").utf8))
            default:
                throw fail("bad escape \\\(Character(Unicode.Scalar(escape)))")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func hex4() throws(MediaError) -> UInt32 {
        guard position + 4 <= bytes.count,
            let value = UInt32(String(decoding: bytes[position..<(position + 4)], as: UTF8.self), radix: 16)
        else { throw fail("bad \\u escape") }
        position += 4
        return value
    }
}
