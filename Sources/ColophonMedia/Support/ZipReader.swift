import Foundation
internal import ZIPFoundation

/// Reads a zip archive's entries into memory, never onto disk, refusing hostile archives with
/// the reason: entry names that climb out of the archive, names that appear twice, symbolic
/// links, too many entries, zip bombs, entries that inflate past their declared size, and
/// damaged entries (CRC-32). Comics (CBZ) and evidence bundles are read through it.
public enum ZipReader {
    /// One entry read.
    public struct Entry: Sendable {
        public var name: String
        public var bytes: [UInt8]
    }

    /// What was read, and the names of the entries skipped.
    public struct Contents: Sendable {
        public var entries: [Entry]
        public var skipped: [String]
    }

    /// Reads every entry `limit` gives a size limit for (nil skips it; it is still checked and
    /// counted). `what` names the archive in messages ("CBZ", "bundle").
    public static func read(
        path: String,
        what: String,
        limits: ZipLimits,
        limit: (String) -> Int?
    ) throws(MediaError) -> Contents {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw MediaError(.malformed, "\(path) is not a readable zip archive (\(what)): \(error)")
        }
        var contents = Contents(entries: [], skipped: [])
        var names: Set<String> = []
        var count = 0
        var total = 0
        var compressedTotal = 0
        for entry in archive {
            count += 1
            guard count <= limits.maxEntries else {
                throw MediaError(.tooLarge, "\(path) has more than \(limits.maxEntries) entries")
            }
            let name = entry.path
            if let problem = problem(withName: name) { throw MediaError(.malformed, "\(path): \(problem)") }
            guard names.insert(name).inserted else {
                throw MediaError(.malformed, "\(path): the entry \(name) appears twice")
            }
            switch entry.type {
            case .directory: continue
            case .symlink: throw MediaError(.unsupported, "\(path): the entry \(name) is a symbolic link")
            case .file: break
            }
            guard let allowed = limit(name) else {
                contents.skipped.append(name)
                continue
            }
            // Sizes are the archive's claims: clamped so that no sum of them can overflow.
            let declared = Int(clamping: min(entry.uncompressedSize, 1 << 40))
            let compressed = Int(clamping: min(entry.compressedSize, 1 << 40))
            guard declared <= allowed else {
                throw MediaError(.tooLarge, "\(path): \(name) is \(declared) bytes; the limit is \(allowed)")
            }
            total += declared
            compressedTotal += compressed
            guard total <= limits.maxTotalBytes else {
                throw MediaError(.tooLarge, "\(path): the entries add up to more than \(limits.maxTotalBytes) bytes")
            }
            if declared > 1 << 20, declared / max(compressed, 1) > limits.maxCompressionRatio {
                throw MediaError(.tooLarge, "\(path): \(name) expands \(compressed) bytes to \(declared) (a zip bomb?)")
            }
            // Many small entries can add up to a bomb as surely as one large one.
            if total > 16 << 20, total / max(compressedTotal, 1) > limits.maxCompressionRatio {
                throw MediaError(.tooLarge, "\(path): \(compressedTotal) bytes expand to \(total) (a zip bomb?)")
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(declared)
            do {
                // ZIPFoundation's own CRC-32 runs at a third of disk speed; zlib's is checked
                // below instead.
                _ = try archive.extract(entry, skipCRC32: true) { data in
                    guard bytes.count + data.count <= declared else { throw Overflow() }
                    bytes.append(contentsOf: data)
                }
            } catch is Overflow {
                throw MediaError(.malformed, "\(path): \(name) holds more bytes than its header declares (a zip bomb?)")
            } catch {
                throw MediaError(.malformed, "\(path): \(name) cannot be read: \(error)")
            }
            guard bytes.count == declared else {
                throw MediaError(.truncated, "\(path): \(name) holds \(bytes.count) of \(declared) declared bytes")
            }
            guard Zlib.crc32(bytes[...]) == entry.checksum else {
                throw MediaError(.malformed, "\(path): \(name) fails its CRC-32 check (the archive is damaged)")
            }
            contents.entries.append(Entry(name: name, bytes: bytes))
        }
        // ZIPFoundation stops at the first central-directory header it cannot read: an archive
        // cut short there would otherwise lose its last entries without a word.
        if let declared = try declaredEntryCount(path: path), declared != count {
            throw MediaError(.malformed, "\(path) declares \(declared) entries, but \(count) can be read")
        }
        return contents
    }

    /// The entry count the end-of-central-directory record declares (its ZIP64 form when the
    /// plain one says 0xFFFF); nil when no such record is found.
    static func declaredEntryCount(path: String) throws(MediaError) -> Int? {
        let file = try RegularFile(path: path)
        let tailLength = min(file.size, 65_557)
        let tail = try file.read(offset: file.size - tailLength, count: tailLength)
        guard tail.count >= 22 else { return nil }
        func u16(_ at: Int) -> Int { Int(tail[at]) | Int(tail[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        var position = tail.count - 22
        while position >= 0 {
            if tail[position] == 0x50, tail[position + 1] == 0x4B, tail[position + 2] == 0x05,
                tail[position + 3] == 0x06,
                position + 22 + u16(position + 20) == tail.count
            {
                let count = u16(position + 10)
                guard count == 0xFFFF, position >= 20 else { return count }
                // The ZIP64 locator sits just before, and points at the ZIP64 record.
                let locator = position - 20
                guard tail[locator] == 0x50, tail[locator + 1] == 0x4B, tail[locator + 2] == 0x06,
                    tail[locator + 3] == 0x07
                else { return count }
                let recordOffset = u32(locator + 8) | u32(locator + 12) << 32
                guard recordOffset >= 0, recordOffset + 56 <= file.size else { return nil }
                let record = try file.read(offset: recordOffset, count: 56)
                guard record.starts(with: [0x50, 0x4B, 0x06, 0x06]) else { return nil }
                var total = 0
                for shift in 0..<8 { total |= Int(record[32 + shift]) << (8 * shift) }
                return total
            }
            position -= 1
        }
        return nil
    }

    /// Why an entry name is refused, or nil: absolute paths, `..` components, backslashes,
    /// drive letters and control characters can all point outside the archive.
    public static func problem(withName name: String) -> String? {
        if name.isEmpty { return "an entry has an empty name" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "the entry name \(name.debugDescription) contains control characters"
        }
        if name.hasPrefix("/") || name.contains("\\") || name.dropFirst().hasPrefix(":") {
            return "the entry name \(name) is absolute or uses backslashes (zip-slip)"
        }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        if parts.contains("..") {
            return "the entry name \(name) climbs out of the archive (zip-slip)"
        }
        // "./a" and "a" would be one file on disk and two names here.
        if parts.contains(".") { return "the entry name \(name) has a \".\" component" }
        return nil
    }

    private struct Overflow: Error {}
}
