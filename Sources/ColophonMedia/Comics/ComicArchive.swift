import ColophonCrypto
import Foundation

/// Reads and writes comics as CBZ (a zip of page images with ComicInfo.xml) or as a folder of
/// page images. Reading never extracts to disk; hostile archives — entry names that climb out
/// of the archive, duplicate entries, zip bombs, symbolic links — are refused with the reason.
public enum ComicArchive {
    /// Reads a CBZ file or a folder of pages. `progress` is told a CBZ's bytes read and its size
    /// (every page is inflated and hashed).
    public static func read(
        path: String,
        limits: ComicArchiveLimits = .init(),
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws(MediaError) -> ComicBook {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw MediaError(.io, "\(path): no such file or folder")
        }
        return isDirectory.boolValue
            ? try readFolder(path: path, limits: limits) : try readZip(path: path, limits: limits, progress: progress)
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

    /// Why an entry name is refused, or nil (see ``ZipReader/problem(withName:)``).
    public static func problem(withName name: String) -> String? {
        ZipReader.problem(withName: name)
    }

    static func readZip(
        path: String,
        limits: ComicArchiveLimits,
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws(MediaError) -> ComicBook {
        let zip = ZipLimits(
            maxEntries: limits.maxEntries,
            maxTotalBytes: limits.maxTotalBytes,
            maxCompressionRatio: limits.maxCompressionRatio
        )
        // Pages are hashed as they inflate and read again when needed; only metadata is held.
        let contents = try ZipReader.read(
            path: path,
            what: "CBZ",
            limits: zip,
            keep: { role(of: $0) != .page },
            progress: progress,
            limit: { name in
                switch role(of: name) {
                case .page: limits.maxEntryBytes
                case .comicInfo, .manifest: limits.maxMetadataBytes
                case .ignored: nil
                }
            }
        )
        var collector = Collector(limits: limits, source: path)
        collector.ignored = contents.skipped
        for entry in contents.entries {
            let role = role(of: entry.name)
            try collector.admit(entry.name, declared: entry.size, role: role)
            if role == .page {
                collector.pages.append(
                    ComicPage(
                        name: entry.name,
                        sha256: entry.sha256.hex,
                        size: entry.size,
                        source: .zipEntry(archive: path)
                    )
                )
            } else {
                collector.add(entry.name, bytes: entry.bytes, role: role)
            }
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
            switch role {
            case .ignored:
                continue
            case .page:
                // Hashed in pieces from the open file, read again when needed.
                collector.pages.append(
                    ComicPage(name: name, sha256: try file.sha256().hex, size: file.size, source: .file(path: full))
                )
            case .comicInfo, .manifest:
                collector.add(name, bytes: try file.read(offset: 0, count: file.size), role: role)
            }
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
        var entries = pages.map { ZipWriter.Entry(name: $0.name, bytes: $0.bytes, deflate: false) }
        if let comicInfo {
            entries.append(
                ZipWriter.Entry(name: ComicBook.comicInfoName, bytes: Array(comicInfo.xml.utf8), deflate: true)
            )
        }
        if let manifest {
            entries.append(ZipWriter.Entry(name: ComicBook.manifestName, bytes: manifest, deflate: true))
        }
        return try ZipWriter.archive(entries)
    }

    /// Gathers entries into a book, enforcing the limits and refusing duplicates.
    struct Collector {
        let limits: ComicArchiveLimits
        let source: String
        var total = 0
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

        /// Names are unique already: ZipReader refuses repeated and "." names, and a folder
        /// cannot hold two files of one name.
        mutating func admit(_ name: String, declared: Int, role: Role) throws(MediaError) {
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

        /// Takes a metadata file (pages are appended directly).
        mutating func add(_ name: String, bytes: [UInt8], role: Role) {
            switch role {
            case .page:
                pages.append(ComicPage(name: name, bytes: bytes))
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
