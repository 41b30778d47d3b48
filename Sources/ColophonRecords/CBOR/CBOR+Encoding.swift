extension CBOR {
    /// The item's encoding: every length and integer in its shortest form, floats as 64-bit,
    /// maps in their stored order (RFC 8949 §4.2.1's preferred serialisation but for map order).
    public var encoded: [UInt8] {
        var out: [UInt8] = []
        encode(into: &out)
        return out
    }

    public func encode(into out: inout [UInt8]) {
        switch self {
        case .unsigned(let value):
            Self.head(0, value, into: &out)
        case .negative(let value):
            Self.head(1, value, into: &out)
        case .bytes(let bytes):
            Self.head(2, UInt64(bytes.count), into: &out)
            out += bytes
        case .text(let text):
            let utf8 = Array(text.utf8)
            Self.head(3, UInt64(utf8.count), into: &out)
            out += utf8
        case .array(let items):
            Self.head(4, UInt64(items.count), into: &out)
            for item in items { item.encode(into: &out) }
        case .map(let pairs):
            Self.head(5, UInt64(pairs.count), into: &out)
            for pair in pairs {
                pair.key.encode(into: &out)
                pair.value.encode(into: &out)
            }
        case .tagged(let tag, let item):
            Self.head(6, tag, into: &out)
            item.encode(into: &out)
        case .bool(let value):
            out.append(value ? 0xF5 : 0xF4)
        case .null:
            out.append(0xF6)
        case .undefined:
            out.append(0xF7)
        case .simple(let value):
            if value < 24 {
                out.append(0xE0 | value)
            } else {
                out += [0xF8, value]
            }
        case .float(let value):
            out.append(0xFB)
            withUnsafeBytes(of: value.bitPattern.bigEndian) { out += $0 }
        }
    }

    /// A major type and its argument, in the fewest bytes.
    static func head(_ major: UInt8, _ value: UInt64, into out: inout [UInt8]) {
        let type = major << 5
        switch value {
        case 0..<24:
            out.append(type | UInt8(value))
        case 24...0xFF:
            out += [type | 24, UInt8(value)]
        case 0x100...0xFFFF:
            out.append(type | 25)
            withUnsafeBytes(of: UInt16(value).bigEndian) { out += $0 }
        case 0x1_0000...0xFFFF_FFFF:
            out.append(type | 26)
            withUnsafeBytes(of: UInt32(value).bigEndian) { out += $0 }
        default:
            out.append(type | 27)
            withUnsafeBytes(of: value.bigEndian) { out += $0 }
        }
    }
}
