/// A tlog-tiles entry bundle: each entry as a big-endian 16-bit length and the bytes.
public enum EntryBundle {
    /// The largest entry a bundle can hold.
    public static let maxEntryBytes = 65_535

    /// Encodes entries into a bundle.
    public static func encode(_ entries: [[UInt8]]) throws(LogError) -> [UInt8] {
        var out: [UInt8] = []
        for entry in entries {
            guard entry.count <= maxEntryBytes else {
                throw LogError(
                    .entryTooLarge,
                    "an entry of \(entry.count) bytes exceeds the \(maxEntryBytes)-byte limit"
                )
            }
            out.append(UInt8(entry.count >> 8))
            out.append(UInt8(entry.count & 0xFF))
            out.append(contentsOf: entry)
        }
        return out
    }

    /// Decodes a bundle, refusing truncation and trailing bytes.
    public static func decode(_ bytes: [UInt8]) throws(LogError) -> [[UInt8]] {
        var entries: [[UInt8]] = []
        var offset = 0
        while offset < bytes.count {
            guard offset + 2 <= bytes.count else {
                throw LogError(.malformedTile, "the entry bundle ends inside a length prefix")
            }
            let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
            offset += 2
            guard offset + length <= bytes.count else {
                throw LogError(.malformedTile, "the entry bundle ends inside an entry")
            }
            entries.append(Array(bytes[offset..<offset + length]))
            offset += length
        }
        return entries
    }
}
