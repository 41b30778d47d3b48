extension JSONParser.Scanner {
    /// Reads a string starting at its opening quote, validating UTF-8 and escapes.
    mutating func string() throws(JSONError) -> String {
        position += 1
        let start = position
        // Fast path: no escapes, so the bytes are the string once validated.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                return String(decoding: slice, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                break
            }
            if byte < 0x20 {
                throw fail("unescaped control character \(Self.describe(byte)) in a string")
            }
            if byte < 0x80 {
                position += 1
            } else {
                try skipUTF8Sequence()
            }
        }
        var out = Array(bytes[start..<position])
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try escape(into: &out)
            case 0..<0x20:
                throw fail("unescaped control character \(Self.describe(byte)) in a string")
            case 0x20..<0x80:
                out.append(byte)
                position += 1
            default:
                let sequenceStart = position
                try skipUTF8Sequence()
                out.append(contentsOf: bytes[sequenceStart..<position])
            }
        }
        throw JSONError(offset: start - 1, reason: "unterminated string")
    }

    /// Checks one multi-byte UTF-8 sequence (RFC 3629: no overlongs, no surrogates, at most
    /// U+10FFFF) and moves past it.
    mutating func skipUTF8Sequence() throws(JSONError) {
        let lead = bytes[position]
        let length: Int
        var lowerBound: UInt8 = 0x80
        var upperBound: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            lowerBound = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            upperBound = 0x9F  // excludes UTF-16 surrogates U+D800...U+DFFF
        case 0xF0:
            length = 4
            lowerBound = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            upperBound = 0x8F
        default:
            throw fail("invalid UTF-8 lead byte \(Self.describe(lead))")
        }
        guard position + length <= bytes.count else { throw fail("truncated UTF-8 sequence") }
        let second = bytes[position + 1]
        guard second >= lowerBound && second <= upperBound else { throw fail("invalid UTF-8 sequence") }
        for offset in 2..<max(2, length) where bytes[position + offset] & 0xC0 != 0x80 {
            throw fail("invalid UTF-8 sequence")
        }
        position += length
    }

    mutating func escape(into out: inout [UInt8]) throws(JSONError) {
        guard position + 1 < bytes.count else { throw fail("truncated escape") }
        let kind = bytes[position + 1]
        position += 2
        switch kind {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            let first = try hexQuad()
            var scalarValue = UInt32(first)
            if (0xD800...0xDBFF).contains(first) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else {
                    throw fail("unpaired high surrogate \\u\(String(first, radix: 16))")
                }
                position += 2
                let second = try hexQuad()
                guard (0xDC00...0xDFFF).contains(second) else {
                    throw fail("high surrogate not followed by a low surrogate")
                }
                scalarValue = 0x10000 + ((UInt32(first) - 0xD800) << 10) + (UInt32(second) - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(first) {
                throw fail("unpaired low surrogate \\u\(String(first, radix: 16))")
            }
            guard let scalar = Unicode.Scalar(scalarValue) else { throw fail("invalid code point") }
            out.append(contentsOf: UTF8.encode(scalar) ?? [])
        default:
            position -= 1
            throw fail("invalid escape \\\(Self.describe(kind))")
        }
    }

    mutating func hexQuad() throws(JSONError) -> UInt16 {
        guard position + 4 <= bytes.count else { throw fail("truncated \\u escape") }
        var value: UInt16 = 0
        for offset in 0..<4 {
            guard let digit = Self.hexValue(bytes[position + offset]) else { throw fail("invalid \\u escape") }
            value = value << 4 | UInt16(digit)
        }
        position += 4
        return value
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension UTF8 {
    /// The UTF-8 bytes of one scalar.
    static func encode(_ scalar: Unicode.Scalar) -> [UInt8]? {
        var out: [UInt8] = []
        UTF8.encode(scalar) { out.append($0) }
        return out
    }
}
