/// The tags of an EXIF block (a TIFF structure): IFD0 and the Exif sub-IFD. Parsing is bounded:
/// offsets are checked, loops between directories are refused, and entry counts are capped.
public struct ExifData: Sendable {
    /// Big-endian (`MM`) or little-endian (`II`).
    public var bigEndian: Bool
    public var tags: [ExifTag]

    /// Directory entries read before giving up on a hostile file.
    static let maxEntries = 4096

    /// Parses a TIFF structure. A leading `Exif\0\0` (the JPEG APP1 form) is skipped; WebP
    /// EXIF chunks start directly with the byte-order mark.
    public init(bytes input: [UInt8]) throws(MediaError) {
        var bytes = input
        if bytes.starts(with: [0x45, 0x78, 0x69, 0x66, 0, 0]) { bytes.removeFirst(6) }
        guard bytes.count >= 8 else { throw MediaError(.truncated, "the EXIF block is shorter than a TIFF header") }
        switch (bytes[0], bytes[1]) {
        case (0x4D, 0x4D): bigEndian = true
        case (0x49, 0x49): bigEndian = false
        default: throw MediaError(.malformed, "the EXIF block has no MM/II byte-order mark")
        }
        let order = bigEndian
        func u16(_ at: Int) throws(MediaError) -> UInt16 {
            guard at >= 0, at + 2 <= bytes.count else {
                throw MediaError(.truncated, "an EXIF offset points past the end")
            }
            return order
                ? UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1]) : UInt16(bytes[at + 1]) << 8 | UInt16(bytes[at])
        }
        func u32(_ at: Int) throws(MediaError) -> UInt32 {
            guard at >= 0, at + 4 <= bytes.count else {
                throw MediaError(.truncated, "an EXIF offset points past the end")
            }
            let raw = bytes[at..<(at + 4)]
            return order
                ? raw.reduce(0) { $0 << 8 | UInt32($1) }
                : raw.reversed().reduce(0) { $0 << 8 | UInt32($1) }
        }
        guard try u16(2) == 42 else { throw MediaError(.malformed, "the EXIF block's TIFF magic is not 42") }
        var tags: [ExifTag] = []
        var visited: Set<Int> = []
        var pending: [(offset: Int, directory: ExifTag.Directory)] = [(Int(try u32(4)), .ifd0)]
        var entriesRead = 0
        while let (offset, directory) = pending.popLast() {
            guard visited.insert(offset).inserted else {
                throw MediaError(.malformed, "the EXIF directories form a loop")
            }
            let count = Int(try u16(offset))
            entriesRead += count
            guard entriesRead <= Self.maxEntries else {
                throw MediaError(.tooLarge, "the EXIF block has more than \(Self.maxEntries) entries")
            }
            for index in 0..<count {
                let entry = offset + 2 + index * 12
                let tag = try u16(entry)
                let type = try u16(entry + 2)
                let valueCount = try u32(entry + 4)
                guard let unit = Self.unitSize(type) else { continue }
                let total = UInt64(valueCount) * UInt64(unit)
                guard total <= UInt64(bytes.count) else {
                    throw MediaError(.malformed, "EXIF tag 0x\(String(tag, radix: 16)) declares \(total) bytes")
                }
                let start = total <= 4 ? entry + 8 : Int(try u32(entry + 8))
                guard start + Int(total) <= bytes.count else {
                    throw MediaError(.truncated, "EXIF tag 0x\(String(tag, radix: 16)) points past the end")
                }
                let value = Array(bytes[start..<(start + Int(total))])
                if tag == ExifTag.exifPointer, directory == .ifd0 {
                    pending.append((Int(try u32(entry + 8)), .exif))
                    continue
                }
                tags.append(ExifTag(tag: tag, type: type, count: valueCount, value: value, directory: directory))
            }
        }
        self.tags = tags
    }

    /// Bytes per value of a TIFF field type; nil for unknown types (skipped).
    static func unitSize(_ type: UInt16) -> Int? {
        switch type {
        case 1, 2, 6, 7: 1
        case 3, 8: 2
        case 4, 9, 11, 13: 4
        case 5, 10, 12: 8
        default: nil
        }
    }

    /// The first tag with a number, IFD0 or Exif sub-IFD.
    public func tag(_ number: UInt16) -> ExifTag? {
        tags.first { $0.tag == number }
    }

    /// An ASCII/UTF-8 string tag (Make, Model, Software), without its trailing NULs.
    public func string(_ number: UInt16) -> String? {
        guard let tag = tag(number) else { return nil }
        var value = tag.value[...]
        while value.last == 0 { value = value.dropLast() }
        return String(validating: value, as: UTF8.self) ?? PNGFile.latin1(value)
    }

    /// The UserComment, decoded from whichever encoding its prefix names.
    public var userComment: String? {
        tag(ExifTag.userComment).map { UserComment.decode($0.value, bigEndian: bigEndian) }
    }
}
