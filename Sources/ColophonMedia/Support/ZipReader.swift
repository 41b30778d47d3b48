public import ColophonCrypto
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
        /// The entry's bytes; empty when the caller asked only for its digest.
        public var bytes: [UInt8]
        /// SHA-256 of the entry's bytes.
        public var sha256: SHA256Digest
        /// How many bytes the entry holds.
        public var size: Int
    }

    /// What was read, and the names of the entries skipped.
    public struct Contents: Sendable {
        public var entries: [Entry]
        public var skipped: [String]
    }

    /// Reads every entry `limit` gives a size limit for (nil skips it; it is still checked and
    /// counted). Entries `keep` refuses are inflated, checked and hashed but not held, so an
    /// archive of large pages costs the memory of one. `what` names the archive in messages
    /// ("CBZ", "bundle"). `progress` is told the compressed bytes read so far and the archive's
    /// size, after each entry.
    public static func read(
        path: String,
        what: String,
        limits: ZipLimits,
        keep: (String) -> Bool = { _ in true },
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in },
        limit: (String) -> Int?
    ) throws(MediaError) -> Contents {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let layout = try ZipLayout.read(path: path)
        try layout?.checkEntriesAreDisjoint(path: path)
        let archive = try open(path: path, what: what)
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
            contents.entries.append(
                try inflate(entry, of: archive, path: path, declared: declared, keep: keep(name))
            )
            progress(min(compressedTotal, size), size)
        }
        // ZIPFoundation stops at the first central-directory header it cannot read: an archive
        // cut short there would otherwise lose its last entries without a word.
        if let declared = layout?.declaredCount, declared != count {
            throw MediaError(.malformed, "\(path) declares \(declared) entries, but \(count) can be read")
        }
        progress(size, size)
        return contents
    }

    /// Reads one entry again (one that ``read(path:what:limits:keep:limit:)`` hashed without
    /// holding), checking it is still the bytes that were hashed then.
    public static func bytes(
        of name: String,
        in path: String,
        expected: SHA256Digest,
        size: Int
    ) throws(MediaError) -> [UInt8] {
        let archive = try open(path: path, what: "archive")
        guard let entry = archive[name], entry.type == .file else {
            throw MediaError(.io, "\(path): \(name) is no longer in the archive")
        }
        let declared = Int(clamping: min(entry.uncompressedSize, 1 << 40))
        guard declared == size else {
            throw MediaError(.io, "\(path): \(name) changed after the archive was first read")
        }
        let read = try inflate(entry, of: archive, path: path, declared: declared, keep: true)
        guard read.sha256 == expected else {
            throw MediaError(.io, "\(path): \(name) changed after the archive was first read")
        }
        return read.bytes
    }

    static func open(path: String, what: String) throws(MediaError) -> Archive {
        do {
            return try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw MediaError(.malformed, "\(path) is not a readable zip archive (\(what)): \(error)")
        }
    }

    /// Inflates one entry, never past its declared size, and checks its CRC-32; hashes it as
    /// it goes and holds the bytes only when `keep`.
    static func inflate(
        _ entry: ZIPFoundation.Entry,
        of archive: Archive,
        path: String,
        declared: Int,
        keep: Bool
    ) throws(MediaError) -> Entry {
        let name = entry.path
        var bytes: [UInt8] = []
        if keep { bytes.reserveCapacity(declared) }
        var hasher = SHA256Hasher()
        var crc: UInt32 = 0
        var produced = 0
        do {
            // ZIPFoundation's own CRC-32 runs at a third of disk speed; zlib's is used instead.
            _ = try archive.extract(entry, skipCRC32: true) { data in
                guard produced + data.count <= declared else { throw Overflow() }
                produced += data.count
                hasher.update(data)
                crc = Zlib.crc32(crc, data)
                if keep { bytes.append(contentsOf: data) }
            }
        } catch is Overflow {
            throw MediaError(.malformed, "\(path): \(name) holds more bytes than its header declares (a zip bomb?)")
        } catch {
            throw MediaError(.malformed, "\(path): \(name) cannot be read: \(error)")
        }
        guard produced == declared else {
            throw MediaError(.truncated, "\(path): \(name) holds \(produced) of \(declared) declared bytes")
        }
        guard crc == entry.checksum else {
            throw MediaError(.malformed, "\(path): \(name) fails its CRC-32 check (the archive is damaged)")
        }
        return Entry(name: name, bytes: bytes, sha256: hasher.finalize(), size: produced)
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
