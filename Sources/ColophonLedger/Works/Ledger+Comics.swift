import ColophonCrypto
public import ColophonMedia
public import ColophonRecords
import Foundation

extension Ledger {
    /// The pages of a comic as a work lists them: numbered in reading order, by file digest,
    /// with their size when the image header gives it.
    public static func workPages(of book: ComicBook) -> [WorkPredicate.Page] {
        book.pages.enumerated().map { offset, page in
            var entry = WorkPredicate.Page(number: offset + 1, sha256: page.sha256)
            entry.fileName = GenerationBuilder.name(page.name)
            if let bytes = try? page.read(), let size = (try? ImageFile(bytes: bytes))?.dimensions {
                entry.width = size.width
                entry.height = size.height
            }
            return entry
        }
    }

    /// A work predicate from a comic: its pages, and the title, creators and publisher its
    /// ComicInfo.xml names (the arguments win over the file). Elements come from the archive's
    /// own manifest when its pages are these pages.
    public static func work(
        from book: ComicBook,
        workId: String,
        title: String?
    ) throws -> WorkPredicate {
        guard !book.pages.isEmpty else { throw LedgerError(.badInput, "the comic has no page images") }
        let info = book.comicInfo
        guard let name = title ?? info?.title ?? info?.series else {
            throw LedgerError(.badInput, "the comic has no title: give one, or a ComicInfo.xml with <Title>")
        }
        var pages = workPages(of: book)
        if let manifest = try? manifest(in: book) {
            let known = Dictionary(
                signedPages(of: manifest).map { ($0.sha256, $0) },
                uniquingKeysWith: { first, _ in first }
            )
            for index in pages.indices { pages[index].elements = known[pages[index].sha256]?.elements }
        }
        var predicate = WorkPredicate(workId: workId, title: name, pages: pages)
        predicate.series = info?.series
        predicate.number = info?.number
        predicate.summary = info?.summary.map { GenerationBuilder.prefix($0, bytes: 4096) }
        predicate.language = info?.languageISO
        let creators = (info?.creators ?? []).flatMap { role, names in
            names.map { Party(name: $0, role: role.lowercased()) }
        }
        predicate.creators = creators.isEmpty ? nil : creators
        predicate.publisher = info?.publisher.map { Party(name: $0, role: "publisher") }
        return predicate
    }

    /// The manifest an archive carries, parsed; nil when it has none.
    public static func manifest(in book: ComicBook) throws -> WorkManifest? {
        guard let bytes = book.manifest else { return nil }
        do {
            let manifest = try JSONParser().parse(bytes).decode(as: WorkManifest.self)
            guard manifest.format == WorkManifest.currentFormat else {
                throw LedgerError(.badInput, "\(ComicBook.manifestName) has the unknown format \(manifest.format)")
            }
            return manifest
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.badInput, "\(ComicBook.manifestName) is malformed: \(error)")
        }
    }

    /// The pages a manifest's work record binds: its own, or the manifest's copy of its
    /// elements blob when that copy has the digest the record names; nothing otherwise.
    static func signedPages(of manifest: WorkManifest) -> [WorkPredicate.Page] {
        guard let predicate = manifestPredicate(manifest) else { return [] }
        guard let blob = predicate.elementsBlob else { return predicate.pages }
        guard let pages = manifest.pages, let bytes = try? CanonicalJSON.encode(JSONValue(encoding: pages)),
            "sha256:" + SHA256.hash(bytes).hex == blob
        else { return [] }
        return pages
    }

    /// The work predicate inside a manifest's envelope.
    static func manifestPredicate(_ manifest: WorkManifest) -> WorkPredicate? {
        guard let bytes = try? CanonicalJSON.encode(manifest.envelope),
            let envelope = try? Envelope(jsonBytes: bytes),
            let statement = try? envelope.statement()
        else { return nil }
        return try? statement.decodePredicate(as: WorkPredicate.self)
    }

    /// A CBZ of a work: its pages (found among `pages` by digest) in the work's order, a
    /// ComicInfo.xml written from the work, and the manifest with the signed work record.
    ///
    /// - Throws: ``LedgerError`` `.badInput` when a page of the work is not among the images given.
    public func comicArchive(of version: WorkVersion, pages: [ComicPage]) async throws -> [UInt8] {
        let byDigest = Dictionary(pages.map { ($0.sha256, $0) }, uniquingKeysWith: { first, _ in first })
        var files: [(name: String, bytes: [UInt8])] = []
        for page in version.predicate.pages.sorted(by: { $0.number < $1.number }) {
            guard let image = byDigest[page.sha256] else {
                throw LedgerError(
                    .badInput,
                    "page \(page.number) of \(version.predicate.workId) (\(page.sha256.prefix(12))…) is not among the images given"
                )
            }
            let suffix = image.name.split(separator: ".").last.map { "." + $0.lowercased() } ?? ".png"
            let name = page.fileName.flatMap { ComicArchive.problem(withName: $0) == nil ? $0 : nil }
            let number = String(page.number)
            let padded = String(repeating: "0", count: max(0, 3 - number.count)) + number
            do {
                files.append((name ?? "page-\(padded)\(suffix)", try image.read()))
            } catch {
                throw LedgerError(.badInput, error.reason)
            }
        }
        let record = try await record(version.record)
        let envelope = try JSONParser().parse(record.envelope.canonicalBytes())
        let manifest = WorkManifest(
            workId: version.predicate.workId,
            version: version.predicate.version,
            workRecord: version.record.description,
            logOrigin: configuration.origin,
            logIndex: version.index,
            envelope: envelope,
            pages: version.predicate.elementsBlob == nil ? nil : version.predicate.pages
        )
        let manifestBytes = try CanonicalJSON.encode(JSONValue(encoding: manifest))
        do {
            return try ComicArchive.cbz(pages: files, comicInfo: Self.comicInfo(version), manifest: manifestBytes)
        } catch {
            throw LedgerError(.badInput, "the CBZ of \(version.predicate.workId): \(error.reason)")
        }
    }

    /// ComicInfo.xml fields from a work: creators go to the ComicInfo role their role names.
    static func comicInfo(_ version: WorkVersion) -> ComicInfo {
        let work = version.predicate
        var info = ComicInfo()
        info.title = work.title
        info.series = work.series
        info.number = work.number
        info.summary = work.summary
        info.languageISO = work.language
        info.publisher = work.publisher?.name
        info.pageCount = work.pages.count
        info.notes = "Colophon work \(work.workId) version \(work.version): \(version.record)"
        func names(_ roles: [String]) -> String? {
            let matching = (work.creators ?? []).filter { party in
                let role = party.role?.lowercased() ?? ""
                return roles.contains { role.contains($0) }
            }
            return matching.isEmpty ? nil : matching.map(\.name).joined(separator: ", ")
        }
        info.writer = names(["writer", "author", "script"])
        info.penciller = names(["penciller", "artist", "drawing", "illustrator"])
        info.inker = names(["inker"])
        info.colorist = names(["colorist", "colourist", "color", "colour"])
        info.letterer = names(["letterer", "lettering"])
        info.coverArtist = names(["cover"])
        info.editor = names(["editor"])
        return info
    }
}
