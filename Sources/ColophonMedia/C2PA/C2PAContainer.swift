/// Where a C2PA manifest store sits in a PNG or JPEG, and how it is put there: a `caBX` chunk
/// right after IHDR, or contiguous APP11 segments (JPEG XT boxes, `JP`, instance 0x0211) after
/// the leading APP0 segments. The exclusion a `c2pa.hash.data` names is exactly those bytes.
public enum C2PAContainer: Sendable {
    case png
    case jpeg

    /// The APP11 box instance number c2pa-rs writes; any single instance is accepted on reading.
    static let jpegInstance: UInt16 = 0x0211
    /// Store bytes per APP11 segment, as c2pa-rs splits them.
    static let jpegChunk = 64_000
    static let app11: UInt8 = 0xEB

    /// The container of `bytes`, if C2PA embedding supports it.
    public init(sniffing bytes: [UInt8]) throws(MediaError) {
        switch MediaType.sniff(bytes) {
        case .png: self = .png
        case .jpeg: self = .jpeg
        case let other:
            throw MediaError(
                .unsupported,
                "C2PA manifests are embedded in PNG and JPEG, not \(other.map { "\($0)" } ?? "this file")"
            )
        }
    }

    /// A manifest store found in a file: its bytes and the file range it occupies (what the
    /// hard binding excludes).
    public struct Found: Sendable {
        public var store: [UInt8]
        public var range: Range<Int>
    }

    /// Where a store of `storeCount` bytes goes, and how many file bytes it will occupy.
    public func placement(in file: [UInt8], storeCount: Int) throws(MediaError) -> (offset: Int, length: Int) {
        switch self {
        case .png:
            return (try Self.pngInsertionOffset(file), storeCount + 12)
        case .jpeg:
            let segments = max(1, (storeCount + Self.jpegChunk - 1) / Self.jpegChunk)
            // Each segment: marker, Lp, CI, En, Z (12 bytes); the continuations repeat 8 header bytes.
            return (try Self.jpegInsertionOffset(file), storeCount + 12 * segments + 8 * (segments - 1))
        }
    }

    /// `file` with `store` inserted where ``placement(in:storeCount:)`` says.
    public func inserting(_ store: [UInt8], into file: [UInt8]) throws(MediaError) -> [UInt8] {
        let (offset, length) = try placement(in: file, storeCount: store.count)
        var out: [UInt8] = []
        out.reserveCapacity(file.count + length)
        out += file[..<offset]
        switch self {
        case .png:
            out += Self.pngChunk(store[...])
        case .jpeg:
            guard store.count >= 8 else { throw MediaError(.malformed, "C2PA: a manifest store is at least 8 bytes") }
            let header = Array(store[0..<8])
            var sequence: UInt32 = 1
            var start = 0
            while start < store.count {
                let end = min(store.count, start + Self.jpegChunk)
                var payload: [UInt8] = [0x4A, 0x50]
                payload += Self.bigEndian(Self.jpegInstance)
                payload += Self.bigEndian(sequence)
                if sequence > 1 { payload += header }
                payload += store[start..<end]
                out += [0xFF, Self.app11] + Self.bigEndian(UInt16(payload.count + 2)) + payload
                sequence += 1
                start = end
            }
        }
        out += file[offset...]
        guard out.count == file.count + length else {
            throw MediaError(.malformed, "C2PA: the store took \(out.count - file.count) bytes, not \(length)")
        }
        return out
    }

    /// The manifest store in `file`, if it has one.
    ///
    /// - Throws: ``MediaError`` when there are two stores, or the segments of one are broken.
    public func find(in file: [UInt8]) throws(MediaError) -> Found? {
        switch self {
        case .png: try Self.findPNG(file)
        case .jpeg: try Self.findJPEG(file)
        }
    }

    /// `file` without its manifest store, or unchanged if it has none.
    public func removing(from file: [UInt8]) throws(MediaError) -> [UInt8] {
        guard let found = try find(in: file) else { return file }
        return Array(file[..<found.range.lowerBound] + file[found.range.upperBound...])
    }

    static func pngInsertionOffset(_ file: [UInt8]) throws(MediaError) -> Int {
        guard file.count >= 33, file.starts(with: PNGFile.signature), Array(file[12..<16]) == Array("IHDR".utf8) else {
            throw MediaError(.malformed, "PNG: the file does not start with a signature and an IHDR chunk")
        }
        let length = Int(readU32(file, 8))
        guard length <= file.count - 20 - 4 else { throw MediaError(.truncated, "PNG: the IHDR chunk is truncated") }
        return 8 + 12 + length
    }

    static func findPNG(_ file: [UInt8]) throws(MediaError) -> Found? {
        guard file.starts(with: PNGFile.signature) else { throw MediaError(.malformed, "PNG: no PNG signature") }
        var offset = 8
        var found: Found?
        while offset + 12 <= file.count {
            let length = Int(readU32(file, offset))
            guard length <= file.count - offset - 12 else {
                throw MediaError(.truncated, "PNG: the chunk at byte \(offset) runs past the end of the file")
            }
            let type = String(decoding: file[(offset + 4)..<(offset + 8)], as: UTF8.self)
            if type == "caBX" {
                guard found == nil else {
                    throw MediaError(.malformed, "C2PA: the PNG has more than one caBX chunk (manifest store)")
                }
                let data = file[(offset + 8)..<(offset + 8 + length)]
                guard Self.pngChunk(data) == Array(file[offset..<(offset + 12 + length)]) else {
                    throw MediaError(.malformed, "C2PA: the caBX chunk's CRC is wrong")
                }
                found = Found(store: Array(data), range: offset..<(offset + 12 + length))
            }
            if type == "IEND" { break }
            offset += 12 + length
        }
        return found
    }

    static func jpegInsertionOffset(_ file: [UInt8]) throws(MediaError) -> Int {
        guard file.count >= 4, file[0] == 0xFF, file[1] == 0xD8 else {
            throw MediaError(.malformed, "JPEG: the file does not start with SOI")
        }
        var offset = 2
        while offset + 4 <= file.count, file[offset] == 0xFF, file[offset + 1] == JPEGSegment.app0 {
            let length = Int(file[offset + 2]) << 8 | Int(file[offset + 3])
            guard length >= 2, offset + 2 + length <= file.count else {
                throw MediaError(.truncated, "JPEG: the APP0 segment at byte \(offset) is truncated")
            }
            offset += 2 + length
        }
        return offset
    }

    static func findJPEG(_ file: [UInt8]) throws(MediaError) -> Found? {
        guard file.count >= 4, file[0] == 0xFF, file[1] == 0xD8 else {
            throw MediaError(.malformed, "JPEG: the file does not start with SOI")
        }
        var offset = 2
        var store: [UInt8] = []
        var range: Range<Int>?
        var instance: UInt16?
        var expected: UInt32 = 1
        var declared = 0
        while offset + 4 <= file.count {
            guard file[offset] == 0xFF else {
                throw MediaError(.malformed, "JPEG: expected a marker at byte \(offset)")
            }
            let marker = file[offset + 1]
            if marker == 0xFF {
                offset += 1
                continue
            }
            if marker == JPEGSegment.startOfScan || marker == 0xD9 { break }
            if (0xD0...0xD7).contains(marker) || marker == 0x01 {
                offset += 2
                continue
            }
            let length = Int(file[offset + 2]) << 8 | Int(file[offset + 3])
            guard length >= 2, offset + 2 + length <= file.count else {
                throw MediaError(.truncated, "JPEG: the segment at byte \(offset) runs past the end of the file")
            }
            let payload = file[(offset + 4)..<(offset + 2 + length)]
            if marker == app11, payload.count >= 16, payload.starts(with: [0x4A, 0x50]),
                Array(payload.dropFirst(12).prefix(4)) == Array("jumb".utf8) || expected > 1
            {
                let base = payload.startIndex
                let thisInstance = UInt16(payload[base + 2]) << 8 | UInt16(payload[base + 3])
                let sequence = readU32(file, base + 4)
                let isC2PA = expected > 1 ? thisInstance == instance : isManifestStore(payload.dropFirst(8))
                if isC2PA {
                    if expected == 1 {
                        guard range == nil else {
                            throw MediaError(.malformed, "C2PA: the JPEG has more than one manifest store")
                        }
                        guard sequence == 1 else {
                            throw MediaError(
                                .malformed,
                                "C2PA: the first APP11 segment of the store is numbered \(sequence)"
                            )
                        }
                        instance = thisInstance
                        declared = Int(readU32(file, base + 8))
                        store += payload.dropFirst(8)
                    } else {
                        guard let range, range.upperBound == offset else {
                            throw MediaError(
                                .malformed,
                                "C2PA: the APP11 segments of the manifest store are not contiguous"
                            )
                        }
                        guard sequence == expected else {
                            throw MediaError(
                                .malformed,
                                "C2PA: APP11 segment \(sequence) follows segment \(expected - 1) (expected \(expected))"
                            )
                        }
                        // Continuations repeat the store's own LBox and TBox.
                        guard payload.count >= 16, store.count >= 8,
                            payload.dropFirst(8).prefix(8).elementsEqual(store.prefix(8))
                        else {
                            throw MediaError(
                                .malformed,
                                "C2PA: APP11 segment \(sequence) does not repeat the store's header"
                            )
                        }
                        store += payload.dropFirst(16)
                    }
                    expected += 1
                    range = (range?.lowerBound ?? offset)..<(offset + 2 + length)
                    if store.count >= declared { expected = 1 }
                }
            }
            offset += 2 + length
        }
        guard let range else { return nil }
        guard store.count == declared else {
            throw MediaError(
                .truncated,
                "C2PA: the APP11 segments hold \(store.count) of the manifest store's \(declared) bytes"
            )
        }
        return Found(store: store, range: range)
    }

    /// Whether `box` starts a superbox whose description is the C2PA manifest-store type.
    static func isManifestStore(_ box: ArraySlice<UInt8>) -> Bool {
        let start = box.startIndex
        guard box.count >= 8 + 8 + 16, Array(box[(start + 4)..<(start + 8)]) == Array("jumb".utf8) else {
            return false
        }
        return Array(box[(start + 16)..<(start + 32)]) == JUMBFDescription.manifestStore
    }

    /// A `caBX` chunk around `data`: length, type, data, CRC.
    static func pngChunk(_ data: ArraySlice<UInt8>) -> [UInt8] {
        let type = Array("caBX".utf8)
        var out = bigEndian(UInt32(data.count)) + type
        out += data
        out += bigEndian(Zlib.crc32(type[...], data))
        return out
    }

    static func readU32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    static func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }
}
