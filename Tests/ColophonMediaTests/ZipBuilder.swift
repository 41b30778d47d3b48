/// A minimal zip writer for hostile test archives: any names (climbing, absolute, repeated),
/// and sizes that lie. Names are flagged UTF-8; entries are stored, or flagged as deflated with
/// a declared size.
struct ZipBuilder {
    struct Entry {
        var name: String
        var data: [UInt8]
        var method: UInt16 = 0
        var declaredSize: Int?
        var externalAttributes: UInt32 = 0
    }

    var entries: [Entry] = []
    /// Extra central-directory records that list an earlier entry's stored bytes under another
    /// name: one local entry, many names (an overlapping-entries bomb).
    var aliases: [(name: String, of: Int)] = []

    mutating func add(_ name: String, _ data: [UInt8], method: UInt16 = 0, declaredSize: Int? = nil) {
        entries.append(Entry(name: name, data: data, method: method, declaredSize: declaredSize))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    var bytes: [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ value: UInt16, _ into: inout [UInt8]) { into += [UInt8(value & 0xFF), UInt8(value >> 8)] }
        func u32(_ value: UInt32, _ into: inout [UInt8]) {
            into += (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) }
        }
        var offsets: [UInt32] = []
        for entry in entries {
            let offset = UInt32(out.count)
            offsets.append(offset)
            let name = Array(entry.name.utf8)
            let crc = Self.crc32(entry.data)
            let size = UInt32(entry.declaredSize ?? entry.data.count)
            u32(0x0403_4B50, &out)
            u16(20, &out)
            u16(0x0800, &out)
            u16(entry.method, &out)
            u16(0, &out)
            u16(0x21, &out)
            u32(crc, &out)
            u32(UInt32(entry.data.count), &out)
            u32(size, &out)
            u16(UInt16(name.count), &out)
            u16(0, &out)
            out += name + entry.data
            u32(0x0201_4B50, &central)
            u16(0x031E, &central)
            u16(20, &central)
            u16(0x0800, &central)
            u16(entry.method, &central)
            u16(0, &central)
            u16(0x21, &central)
            u32(crc, &central)
            u32(UInt32(entry.data.count), &central)
            u32(size, &central)
            u16(UInt16(name.count), &central)
            u16(0, &central)
            u16(0, &central)
            u16(0, &central)
            u16(0, &central)
            u32(entry.externalAttributes, &central)
            u32(offset, &central)
            central += name
        }
        for alias in aliases {
            let entry = entries[alias.of]
            let name = Array(alias.name.utf8)
            u32(0x0201_4B50, &central)
            u16(0x031E, &central)
            u16(20, &central)
            u16(0x0800, &central)
            u16(entry.method, &central)
            u16(0, &central)
            u16(0x21, &central)
            u32(Self.crc32(entry.data), &central)
            u32(UInt32(entry.data.count), &central)
            u32(UInt32(entry.declaredSize ?? entry.data.count), &central)
            u16(UInt16(name.count), &central)
            u16(0, &central)
            u16(0, &central)
            u16(0, &central)
            u16(0, &central)
            u32(entry.externalAttributes, &central)
            u32(offsets[alias.of], &central)
            central += name
        }
        let count = UInt16(entries.count + aliases.count)
        let start = UInt32(out.count)
        out += central
        u32(0x0605_4B50, &out)
        u16(0, &out)
        u16(0, &out)
        u16(count, &out)
        u16(count, &out)
        u32(UInt32(central.count), &out)
        u32(start, &out)
        u16(0, &out)
        return out
    }
}
