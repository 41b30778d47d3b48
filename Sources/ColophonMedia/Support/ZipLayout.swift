/// Where an archive's entries sit, read from its central directory directly, so that one stored
/// file listed under many names — a small archive that inflates to gigabytes — is refused before
/// anything is inflated.
struct ZipLayout {
    /// One central-directory record: where its local header starts and how many compressed
    /// bytes follow that header.
    struct Placement {
        var offset: Int
        var compressedSize: Int
    }

    /// The entry count the end-of-central-directory record declares (its ZIP64 form when the
    /// plain one overflows).
    var declaredCount: Int
    /// Every central-directory record, in the directory's order.
    var placements: [Placement]
    /// Where the central directory starts: no entry's data may reach into it.
    var directoryOffset: Int

    /// The largest central directory read: 700,000 entries with long names fit.
    static let maxDirectoryBytes = 256 << 20

    /// Reads the layout of the archive at `path`; nil when it has no end-of-central-directory
    /// record (ZIPFoundation then refuses the archive itself).
    static func read(path: String) throws(MediaError) -> ZipLayout? {
        let file = try RegularFile(path: path)
        let tailLength = min(file.size, 65_557)
        let tail = try file.read(offset: file.size - tailLength, count: tailLength)
        guard tail.count >= 22 else { return nil }
        var position = tail.count - 22
        while position >= 0 {
            if tail[position] == 0x50, tail[position + 1] == 0x4B, tail[position + 2] == 0x05,
                tail[position + 3] == 0x06,
                position + 22 + Int(tail.u16(position + 20)) == tail.count
            {
                break
            }
            position -= 1
        }
        guard position >= 0 else { return nil }
        var count = Int(tail.u16(position + 10))
        var directorySize = Int(tail.u32(position + 12))
        var directoryOffset = Int(tail.u32(position + 16))
        // The ZIP64 locator sits just before the record and points at the ZIP64 record.
        let locator = position - 20
        if locator >= 0, tail[locator] == 0x50, tail[locator + 1] == 0x4B, tail[locator + 2] == 0x06,
            tail[locator + 3] == 0x07
        {
            let recordOffset = Int(clamping: tail.u64(locator + 8))
            guard recordOffset >= 0, recordOffset <= file.size - 56 else {
                throw MediaError(.malformed, "\(path): the ZIP64 end record lies outside the file")
            }
            let record = try file.read(offset: recordOffset, count: 56)
            guard record.starts(with: [0x50, 0x4B, 0x06, 0x06]) else {
                throw MediaError(.malformed, "\(path): the ZIP64 end record is missing")
            }
            count = Int(clamping: record.u64(32))
            directorySize = Int(clamping: record.u64(40))
            directoryOffset = Int(clamping: record.u64(48))
        }
        guard directorySize <= maxDirectoryBytes else {
            throw MediaError(.tooLarge, "\(path): the central directory is \(directorySize) bytes")
        }
        guard directoryOffset >= 0, directoryOffset <= file.size - directorySize else {
            throw MediaError(.malformed, "\(path): the central directory lies outside the file")
        }
        let directory = try file.read(offset: directoryOffset, count: directorySize)
        var placements: [Placement] = []
        var at = 0
        while at + 46 <= directory.count, directory.u32(at) == 0x0201_4B50 {
            var compressed = Int(directory.u32(at + 20))
            var offset = Int(directory.u32(at + 42))
            let nameLength = Int(directory.u16(at + 28))
            let extraLength = Int(directory.u16(at + 30))
            let commentLength = Int(directory.u16(at + 32))
            let extraStart = at + 46 + nameLength
            guard extraStart + extraLength <= directory.count else { break }
            // ZIP64: the sizes and offset that overflow 32 bits follow in order in extra field 1.
            var field = extraStart
            while field + 4 <= extraStart + extraLength {
                let id = directory.u16(field)
                let size = Int(directory.u16(field + 2))
                if id == 1 {
                    var value = field + 4
                    let end = min(field + 4 + size, extraStart + extraLength)
                    if directory.u32(at + 24) == 0xFFFF_FFFF { value += 8 }
                    if compressed == 0xFFFF_FFFF, value + 8 <= end {
                        compressed = Int(clamping: directory.u64(value))
                        value += 8
                    }
                    if offset == 0xFFFF_FFFF, value + 8 <= end { offset = Int(clamping: directory.u64(value)) }
                }
                field += 4 + size
            }
            placements.append(Placement(offset: offset, compressedSize: compressed))
            at = extraStart + extraLength + commentLength
        }
        return ZipLayout(declaredCount: count, placements: placements, directoryOffset: directoryOffset)
    }

    /// Refuses entries whose stored bytes overlap another entry's, or the central directory:
    /// every entry of a well-formed archive has bytes of its own.
    func checkEntriesAreDisjoint(path: String) throws(MediaError) {
        let sorted = placements.sorted { $0.offset < $1.offset }
        for (index, placement) in sorted.enumerated() {
            // A local header is at least 30 bytes, before the entry's name and data.
            let (end, overflow) = placement.offset.addingReportingOverflow(30 + placement.compressedSize)
            let next = index + 1 < sorted.count ? sorted[index + 1].offset : directoryOffset
            guard placement.offset >= 0, !overflow, end <= next else {
                throw MediaError(
                    .malformed,
                    "\(path): entries overlap at offset \(placement.offset): one stored file is listed under several names, or sizes are false (a zip bomb?)"
                )
            }
        }
    }
}

extension [UInt8] {
    /// Little-endian integers at a byte offset; the caller has checked the bounds.
    fileprivate func u16(_ at: Int) -> UInt16 { UInt16(self[at]) | UInt16(self[at + 1]) << 8 }
    fileprivate func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
    fileprivate func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }
}
