/// The `format` values Colophon's schemas use, checked the way RFC 3339 and RFC 3986 define them.
enum StringFormat {
    static func conforms(_ text: String, to format: String) -> Bool {
        switch format {
        case "date-time": RFC3339.parse(text) != nil
        case "uri": isURI(text)
        default: false
        }
    }

    /// An absolute URI: a scheme, a colon, and no whitespace or control characters.
    static func isURI(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return false }
        let isAlpha = { (byte: UInt8) in (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        guard isAlpha(bytes[0]) else { return false }
        for byte in bytes[1..<colon] {
            let allowed = isAlpha(byte) || (0x30...0x39).contains(byte) || byte == 0x2B || byte == 0x2D || byte == 0x2E
            if !allowed { return false }
        }
        return !bytes.contains {
            $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
        }
    }
}
