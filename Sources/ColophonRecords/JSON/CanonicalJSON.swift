/// RFC 8785 JSON Canonicalization Scheme (JCS): one byte sequence for every JSON value, so
/// that a digest or signature over it is reproducible by any conforming implementation.
///
/// Members are sorted by their names' UTF-16 code units, strings use the shortest escapes,
/// and numbers are written as ECMAScript's `Number.prototype.toString` writes them.
public enum CanonicalJSON {
    /// The canonical bytes of `value`.
    ///
    /// - Throws: ``JSONError`` if the value holds a NaN or an infinity, which JSON cannot carry.
    public static func encode(_ value: JSONValue) throws(JSONError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        try write(value, to: &out)
        return out
    }

    /// Parses `bytes` strictly and reports whether they are already canonical.
    public static func isCanonical(_ bytes: some Collection<UInt8>, parser: JSONParser = JSONParser()) -> Bool {
        guard let value = try? parser.parse(bytes), let canonical = try? encode(value) else { return false }
        return canonical.elementsEqual(bytes)
    }

    static func write(_ value: JSONValue, to out: inout [UInt8]) throws(JSONError) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number):
            guard number.isFinite else {
                throw JSONError(offset: out.count, reason: "JSON cannot represent \(number)")
            }
            out.append(contentsOf: ECMAScriptNumber.format(number).utf8)
        case .string(let text): writeString(text, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                try write(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let names = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            for (index, name) in names.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(name, to: &out)
                out.append(UInt8(ascii: ":"))
                if let member = members[name] {
                    try write(member, to: &out)
                }
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Copy runs of bytes that need no escaping in one go.
            var runStart = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                appendEscape(byte, to: &out)
                runStart = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case 0x22: out.append(contentsOf: [0x5C, 0x22])
        case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
        case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        default:
            let hex = Array("0123456789abcdef".utf8)
            out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }
}
