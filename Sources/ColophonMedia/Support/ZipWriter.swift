import Foundation

/// Writes a zip archive in memory: entries stored (images and already-compressed data) or
/// deflated (text), with a fixed modification time so the same entries give the same bytes.
/// Hand-written rather than ZIPFoundation's writer, which rewrites its central directory on
/// every entry: 20,000 entries took it 1.5 s in memory and 3.5 s through a file.
public enum ZipWriter {
    /// One entry to write.
    public struct Entry: Sendable {
        public var name: String
        public var bytes: [UInt8]
        public var deflate: Bool

        public init(name: String, bytes: [UInt8], deflate: Bool) {
            self.name = name
            self.bytes = bytes
            self.deflate = deflate
        }
    }

    /// The archive's bytes. More than 65,535 entries get ZIP64 end records.
    ///
    /// - Throws: ``MediaError`` `.malformed` for a name ``ZipReader`` would refuse or a
    ///   repeated name; `.tooLarge` past 4 GiB.
    public static func archive(_ entries: [Entry]) throws(MediaError) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        var seen: Set<String> = []
        // 2020-01-01 00:00 in MS-DOS form.
        let (time, date): (UInt16, UInt16) = (0, UInt16((2020 - 1980) << 9 | 1 << 5 | 1))
        for entry in entries {
            if let problem = ZipReader.problem(withName: entry.name) { throw MediaError(.malformed, problem) }
            guard seen.insert(entry.name).inserted else {
                throw MediaError(.malformed, "the entry name \(entry.name) is repeated")
            }
            let name = Array(entry.name.utf8)
            guard name.count <= 0xFFFF else { throw MediaError(.malformed, "an entry name is over 65,535 bytes") }
            guard entry.bytes.count < 0xFFFF_FFFF else {
                throw MediaError(.tooLarge, "the entry \(entry.name) is 4 GiB or more")
            }
            let crc = Zlib.crc32(entry.bytes[...])
            var data = entry.bytes
            var method: UInt16 = 0
            if entry.deflate, entry.bytes.count > 64 {
                // zlib's format is a 2-byte header, raw deflate, and a 4-byte Adler-32.
                let wrapped = try Zlib.deflate(entry.bytes, level: 6)
                if wrapped.count - 6 < entry.bytes.count {
                    data = Array(wrapped[2..<(wrapped.count - 4)])
                    method = 8
                }
            }
            guard out.count + data.count + name.count + 30 < 0xFFFF_FFFF else {
                throw MediaError(.tooLarge, "the archive would pass 4 GiB")
            }
            let offset = UInt32(out.count)
            let header: [UInt32] = [crc, UInt32(data.count), UInt32(entry.bytes.count)]
            append32(0x0403_4B50, to: &out)
            for value in [20, 0x0800, method, time, date] as [UInt16] { append16(value, to: &out) }
            for value in header { append32(value, to: &out) }
            append16(UInt16(name.count), to: &out)
            append16(0, to: &out)
            out += name
            out += data
            append32(0x0201_4B50, to: &central)
            for value in [0x031E, 20, 0x0800, method, time, date] as [UInt16] { append16(value, to: &central) }
            for value in header { append32(value, to: &central) }
            for value in [UInt16(name.count), 0, 0, 0, 0] { append16(value, to: &central) }
            append32(0o100644 << 16, to: &central)
            append32(offset, to: &central)
            central += name
        }
        let start = out.count
        out += central
        guard out.count < 0xFFFF_FFFF else { throw MediaError(.tooLarge, "the archive would pass 4 GiB") }
        let count = entries.count
        if count > 0xFFFF {
            // ZIP64 end of central directory record and locator.
            let record = out.count
            append32(0x0606_4B50, to: &out)
            append64(44, to: &out)
            for value in [45, 45] as [UInt16] { append16(value, to: &out) }
            append32(0, to: &out)
            append32(0, to: &out)
            append64(UInt64(count), to: &out)
            append64(UInt64(count), to: &out)
            append64(UInt64(central.count), to: &out)
            append64(UInt64(start), to: &out)
            append32(0x0706_4B50, to: &out)
            append32(0, to: &out)
            append64(UInt64(record), to: &out)
            append32(1, to: &out)
        }
        append32(0x0605_4B50, to: &out)
        append16(0, to: &out)
        append16(0, to: &out)
        append16(UInt16(min(count, 0xFFFF)), to: &out)
        append16(UInt16(min(count, 0xFFFF)), to: &out)
        append32(UInt32(central.count), to: &out)
        append32(UInt32(start), to: &out)
        append16(0, to: &out)
        return out
    }

    private static func append16(_ value: UInt16, to bytes: inout [UInt8]) {
        bytes += [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)]
    }

    private static func append32(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    private static func append64(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}
