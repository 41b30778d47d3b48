import ColophonCrypto
import Foundation
internal import ZIPFoundation

/// Reads and writes comics as CBZ (a zip of page images with ComicInfo.xml) or as a folder of
/// page images. Reading never extracts to disk; hostile archives — entry names that climb out
/// of the archive, duplicate entries, zip bombs, symbolic links — are refused with the reason.
public enum ComicArchive {
    /// Reads a CBZ file or a folder of pages.
    public static func read(path: String, limits: ComicArchiveLimits = .init()) throws(MediaError) -> ComicBook {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw MediaError(.io, "\(path): no such file or folder")
        }
        return isDirectory.boolValue
            ? try readFolder(path: path, limits: limits) : try readZip(path: path, limits: limits)
    }

    /// What an entry is to a comic.
    enum Role {
        case page
        case comicInfo
        case manifest
        case ignored
    }

    static func role(of name: String) -> Role {
        let last = name.split(separator: "/").last.map(String.init) ?? name
        if last.hasPrefix(".") || name.hasPrefix("__MACOSX/") { return .ignored }
        if last.caseInsensitiveCompare(ComicBook.comicInfoName) == .orderedSame { return .comicInfo }
        if last == ComicBook.manifestName { return .manifest }
        return ComicBook.isPage(last) ? .page : .ignored
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
        if name.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
            return "the entry name \(name) climbs out of the archive (zip-slip)"
        }
        return nil
    }

    static func readZip(path: String, limits: ComicArchiveLimits) throws(MediaError) -> ComicBook {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw MediaError(.malformed, "\(path) is not a readable zip archive (CBZ): \(error)")
        }
        var collector = Collector(limits: limits, source: path)
        var count = 0
        for entry in archive {
            count += 1
            guard count <= limits.maxEntries else {
                throw MediaError(.tooLarge, "\(path) has more than \(limits.maxEntries) entries")
            }
            let name = entry.path
            if let problem = problem(withName: name) { throw MediaError(.malformed, "\(path): \(problem)") }
            switch entry.type {
            case .directory: continue
            case .symlink: throw MediaError(.unsupported, "\(path): the entry \(name) is a symbolic link")
            case .file: break
            }
            let role = role(of: name)
            let declared = Int(clamping: entry.uncompressedSize)
            try collector.admit(name, declared: declared, role: role)
            guard role != .ignored else { continue }
            let compressed = Int(clamping: entry.compressedSize)
            collector.compressed += compressed
            // Many small entries can add up to a bomb as surely as one large one.
            if collector.total > 16 << 20, collector.total / max(collector.compressed, 1) > limits.maxCompressionRatio {
                throw MediaError(
                    .tooLarge,
                    "\(path): \(collector.compressed) bytes expand to \(collector.total) (a zip bomb?)"
                )
            }
            if declared > 1 << 20, declared / max(compressed, 1) > limits.maxCompressionRatio {
                throw MediaError(
                    .tooLarge,
                    "\(path): \(name) expands \(compressed) bytes to \(declared) (a zip bomb?)"
                )
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
            collector.add(name, bytes: bytes, role: role)
        }
        return collector.book()
    }

    static func readFolder(path: String, limits: ComicArchiveLimits) throws(MediaError) -> ComicBook {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw MediaError(.io, "cannot list \(path): \(error.localizedDescription)")
        }
        guard names.count <= limits.maxEntries else {
            throw MediaError(.tooLarge, "\(path) has more than \(limits.maxEntries) files")
        }
        var collector = Collector(limits: limits, source: path)
        for name in names.sorted() {
            let role = role(of: name)
            let full = (path as NSString).appendingPathComponent(name)
            // Opened without following links, and sized from the open file: what is checked
            // is what is read.
            guard let file = try? RegularFile(path: full, followLinks: false) else {
                collector.ignored.append(name)
                continue
            }
            try collector.admit(name, declared: file.size, role: role)
            guard role != .ignored else { continue }
            collector.add(name, bytes: try file.read(offset: 0, count: file.size), role: role)
        }
        return collector.book()
    }

    /// A zip of the pages, ComicInfo.xml and the manifest, pages stored as they are (images
    /// do not compress) and metadata deflated.
    public static func cbz(
        pages: [(name: String, bytes: [UInt8])],
        comicInfo: ComicInfo?,
        manifest: [UInt8]?
    )
        throws(MediaError) -> [UInt8]
    {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            var seen: Set<String> = []
            var entries = pages.map { ($0.name, $0.bytes, CompressionMethod.none) }
            if let comicInfo { entries.append((ComicBook.comicInfoName, Array(comicInfo.xml.utf8), .deflate)) }
            if let manifest { entries.append((ComicBook.manifestName, manifest, .deflate)) }
            for (name, bytes, method) in entries {
                if let problem = problem(withName: name) { throw MediaError(.malformed, problem) }
                guard seen.insert(name).inserted else {
                    throw MediaError(.malformed, "the page name \(name) is repeated")
                }
                let data = Data(bytes)
                try archive.addEntry(
                    with: name,
                    type: .file,
                    uncompressedSize: Int64(data.count),
                    modificationDate: Date(timeIntervalSince1970: 1_577_836_800),
                    compressionMethod: method
                ) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let bytes = archive.data else { throw MediaError(.io, "the archive was not written") }
            return Array(bytes)
        } catch let error as MediaError {
            throw error
        } catch {
            throw MediaError(.io, "cannot write the CBZ: \(error)")
        }
    }

    private struct Overflow: Error {}

    /// Gathers entries into a book, enforcing the limits and refusing duplicates.
    struct Collector {
        let limits: ComicArchiveLimits
        let source: String
        var names: Set<String> = []
        var total = 0
        var compressed = 0
        var pages: [ComicPage] = []
        var comicInfo: ComicInfo?
        var comicInfoProblem: String?
        var manifest: [UInt8]?
        var ignored: [String] = []
        var comicInfoSeen = false
        var manifestSeen = false

        init(limits: ComicArchiveLimits, source: String) {
            self.limits = limits
            self.source = source
        }

        mutating func admit(_ name: String, declared: Int, role: Role) throws(MediaError) {
            // "./page.png" and "page.png" are one name.
            let canonical = name.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
            guard names.insert(canonical).inserted else {
                throw MediaError(.malformed, "\(source): the entry \(name) appears twice")
            }
            if role == .comicInfo && comicInfoSeen || role == .manifest && manifestSeen {
                throw MediaError(.malformed, "\(source): a second \(name); which one describes the comic?")
            }
            comicInfoSeen = comicInfoSeen || role == .comicInfo
            manifestSeen = manifestSeen || role == .manifest
            if role == .ignored {
                ignored.append(name)
                return
            }
            let limit = role == .page ? limits.maxEntryBytes : limits.maxMetadataBytes
            guard declared <= limit else {
                throw MediaError(.tooLarge, "\(source): \(name) is \(declared) bytes; the limit is \(limit)")
            }
            total += declared
            guard total <= limits.maxTotalBytes else {
                throw MediaError(.tooLarge, "\(source): the pages add up to more than \(limits.maxTotalBytes) bytes")
            }
        }

        mutating func add(_ name: String, bytes: [UInt8], role: Role) {
            switch role {
            case .page:
                pages.append(ComicPage(name: name, bytes: bytes, sha256: SHA256.hash(bytes).hex))
            case .comicInfo:
                do {
                    comicInfo = try ComicInfo(xml: bytes)
                } catch {
                    comicInfoProblem = error.reason
                }
            case .manifest:
                manifest = bytes
            case .ignored:
                ignored.append(name)
            }
        }

        func book() -> ComicBook {
            ComicBook(
                pages: pages.sorted { ComicBook.readingOrder($0.name, $1.name) },
                comicInfo: comicInfo,
                comicInfoProblem: comicInfoProblem,
                manifest: manifest,
                ignored: ignored
            )
        }
    }
}
