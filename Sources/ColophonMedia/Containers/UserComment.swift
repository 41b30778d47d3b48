/// The EXIF UserComment encodings: an 8-byte character-code prefix (`ASCII`, `UNICODE`, `JIS`,
/// or all zeros for undefined) followed by the text, or — as Fooocus writes it — raw text with
/// no prefix at all.
public enum UserComment {
    static let asciiPrefix: [UInt8] = [0x41, 0x53, 0x43, 0x49, 0x49, 0, 0, 0]
    static let unicodePrefix: [UInt8] = [0x55, 0x4E, 0x49, 0x43, 0x4F, 0x44, 0x45, 0]
    static let jisPrefix: [UInt8] = [0x4A, 0x49, 0x53, 0, 0, 0, 0, 0]
    static let undefinedPrefix: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0]

    /// Decodes a UserComment value. `UNICODE` text is UTF-16 in an order that writers disagree
    /// on (piexif always writes big-endian; others follow the TIFF byte order), so the order is
    /// taken from a byte-order mark, else from where the zero bytes of ASCII-range characters
    /// fall, else from the TIFF header.
    public static func decode(_ value: [UInt8], bigEndian: Bool) -> String {
        let prefix = Array(value.prefix(8))
        let body = Array(value.dropFirst(8))
        switch prefix {
        case unicodePrefix:
            return utf16(body, bigEndianHint: bigEndian)
        case asciiPrefix:
            return text(trimmingNULs(body))
        case jisPrefix, undefinedPrefix:
            return text(trimmingNULs(body))
        default:
            return text(trimmingNULs(value))
        }
    }

    /// Encodes text the way A1111 does: `UNICODE\0` and UTF-16 big-endian.
    public static func encodeUnicode(_ text: String) -> [UInt8] {
        var out = unicodePrefix
        for unit in text.utf16 {
            out.append(UInt8(unit >> 8))
            out.append(UInt8(unit & 0xFF))
        }
        return out
    }

    static func utf16(_ body: [UInt8], bigEndianHint: Bool) -> String {
        var bytes = body[...]
        var bigEndian = bigEndianHint
        if bytes.starts(with: [0xFE, 0xFF]) {
            bigEndian = true
            bytes = bytes.dropFirst(2)
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            bigEndian = false
            bytes = bytes.dropFirst(2)
        } else {
            var zeroHigh = 0
            var zeroLow = 0
            var index = bytes.startIndex
            while index + 1 < bytes.endIndex, index - bytes.startIndex < 512 {
                if bytes[index] == 0, bytes[index + 1] != 0 { zeroHigh += 1 }
                if bytes[index + 1] == 0, bytes[index] != 0 { zeroLow += 1 }
                index += 2
            }
            if zeroHigh != zeroLow { bigEndian = zeroHigh > zeroLow }
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        while units.last == 0 { units.removeLast() }
        return transcode(units)
    }

    /// UTF-16 to a String through UTF-8 bytes (the standard library's generic UTF-16 path is
    /// many times slower); unpaired surrogates become U+FFFD.
    static func transcode(_ units: [UInt16]) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(units.count * 3 / 2)
        var index = 0
        while index < units.count {
            var scalar = UInt32(units[index])
            index += 1
            if (0xD800...0xDBFF).contains(scalar), index < units.count, (0xDC00...0xDFFF).contains(units[index]) {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (UInt32(units[index]) - 0xDC00)
                index += 1
            } else if (0xD800...0xDFFF).contains(scalar) {
                scalar = 0xFFFD
            }
            switch scalar {
            case 0..<0x80:
                utf8.append(UInt8(scalar))
            case 0x80..<0x800:
                utf8 += [UInt8(0xC0 | scalar >> 6), UInt8(0x80 | scalar & 0x3F)]
            case 0x800..<0x10000:
                utf8 += [UInt8(0xE0 | scalar >> 12), UInt8(0x80 | scalar >> 6 & 0x3F), UInt8(0x80 | scalar & 0x3F)]
            default:
                utf8 += [
                    UInt8(0xF0 | scalar >> 18), UInt8(0x80 | scalar >> 12 & 0x3F), UInt8(0x80 | scalar >> 6 & 0x3F),
                    UInt8(0x80 | scalar & 0x3F),
                ]
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    static func trimmingNULs(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        var slice = bytes[...]
        while slice.last == 0 { slice = slice.dropLast() }
        return slice
    }

    /// UTF-8 when valid, else Latin-1 (so no byte is lost to replacement characters).
    static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(validating: bytes, as: UTF8.self) ?? PNGFile.latin1(bytes)
    }
}
