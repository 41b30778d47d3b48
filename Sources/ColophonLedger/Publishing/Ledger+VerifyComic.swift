public import ColophonMedia
import ColophonRecords
import ColophonStorage
import Foundation

extension Ledger {
    /// Verifies a comic — a CBZ or a folder of pages — for a publisher: finds its work record
    /// (from the archive's manifest, else from its page digests), checks every page against it,
    /// follows every element to its generation and contribution records, runs flag evaluation
    /// on the AI parts, and drafts the platform disclosure and the copyright claim.
    ///
    /// - Throws: ``LedgerError`` `.badInput` when the archive itself cannot be read (zip-slip
    ///   names, duplicate entries, a zip bomb…). Problems with its content are findings.
    public func verifyComic(path: String, limits: ComicArchiveLimits = .init()) async throws -> ComicVerification {
        let book: ComicBook
        do {
            book = try ComicArchive.read(path: path, limits: limits)
        } catch {
            throw LedgerError(.badInput, error.reason)
        }
        return try await verifyComic(book, source: path)
    }

    /// Verifies a comic already read. `progress` is told the pages checked and the pages to
    /// check (a page's elements each lead to records, and a page outside the work is decoded).
    public func verifyComic(
        _ book: ComicBook,
        source: String,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) async throws -> ComicVerification {
        var checker = try await ComicChecker(ledger: self)
        var problems: [String] = []
        var notes: [String] = []
        if book.pages.isEmpty { problems.append("the comic has no page images") }
        let located = try await locateWork(of: book, problems: &problems, notes: &notes)
        let work = located?.version
        var workStatus: String?
        var newer: RecordID?
        if let located {
            let record = located.record
            workStatus = record.status
            if let problem = record.verdict.problem { problems.append("the work record's signature: \(problem)") }
            if record.status == "retracted" { problems.append("the work record is retracted") }
            notes += checker.revocationNotes(record.verdict, what: "the work record")
            if let current = try await currentWork(located.version.predicate.workId),
                current.record != located.version.record, current.index > located.version.index
            {
                newer = current.record
                notes.append(
                    "version \(current.predicate.version) of \(current.predicate.workId) is newer than the version checked (\(located.version.predicate.version))"
                )
            }
        }

        var pages: [ComicVerification.Page] = []
        var used: Set<Int> = []
        let workDigests = Set(work?.predicate.pages.map(\.sha256) ?? [])
        let listed = work?.predicate.pages.count ?? 0
        progress?(0, listed + max(book.pages.count - listed, 0))
        for page in (work?.predicate.pages ?? []).sorted(by: { $0.number < $1.number }) {
            var result = ComicVerification.Page(
                number: page.number,
                fileName: page.fileName,
                sha256: nil,
                status: .missing,
                width: page.width,
                height: page.height,
                elements: [],
                image: nil,
                problems: []
            )
            let position = page.number - 1
            if let found = book.pages.indices.first(where: {
                !used.contains($0) && book.pages[$0].sha256 == page.sha256
            }) {
                used.insert(found)
                result.status = .matches
                result.sha256 = page.sha256
                result.fileName = book.pages[found].name
                if found != position {
                    notes.append("page \(page.number) is at position \(found + 1) of the archive")
                }
            } else if book.pages.indices.contains(position), !used.contains(position),
                !workDigests.contains(book.pages[position].sha256)
            {
                used.insert(position)
                result.status = .differs
                result.sha256 = book.pages[position].sha256
                result.fileName = book.pages[position].name
                result.problems.append(
                    "its digest \(book.pages[position].sha256.prefix(12))… is not the work's \(page.sha256.prefix(12))…: the page was changed after the work was recorded"
                )
            } else {
                result.problems.append(
                    "the work's page \(page.number) (\(page.sha256.prefix(12))…) is not in the archive"
                )
            }
            for element in page.elements ?? [] {
                result.elements.append(try await checker.check(element, on: page))
            }
            pages.append(result)
            progress?(pages.count, listed + max(book.pages.count - used.count, 0))
        }
        // Pages the work does not list are numbered after its last page.
        var nextNumber = (pages.map(\.number).max() ?? 0) + 1
        for index in book.pages.indices where !used.contains(index) {
            let image = book.pages[index]
            defer { nextNumber += 1 }
            var result = ComicVerification.Page(
                number: nextNumber,
                fileName: image.name,
                sha256: image.sha256,
                status: .notInWork,
                width: nil,
                height: nil,
                elements: [],
                image: nil,
                problems: []
            )
            do {
                let bytes: [UInt8]
                do {
                    bytes = try image.read()
                } catch {
                    throw LedgerError(.badInput, error.reason)
                }
                var found = try await verifyBindings(bytes: bytes, name: image.name)
                if let generation = found.generation {
                    found.consent = try await consentFindings(
                        for: generation,
                        record: found.record?.recordID,
                        book: checker.consent,
                        catalog: checker.catalog
                    )
                }
                result.image = found
                let size = (try? ImageFile(bytes: bytes))?.dimensions
                result.width = size?.width
                result.height = size?.height
                result.problems.append(
                    found.verdict == .unknown
                        ? "unknown provenance: no record of this image"
                        : "not in the work record; the image itself \(found.verdict.rawValue) a record"
                )
            } catch let error as LedgerError where error.code == .badInput {
                result.problems.append("unknown provenance: the image cannot be read (\(error))")
            }
            pages.append(result)
            progress?(pages.count, listed + book.pages.count - used.count)
        }

        var workContributions: [ComicVerification.Contribution] = []
        for text in work?.predicate.contributionRecords ?? [] {
            let (summary, found) = try await checker.contribution(text, page: nil)
            problems += found
            if let summary { workContributions.append(summary) }
        }
        let disclosure = PlatformDisclosure(pages: pages, workContributions: workContributions)
        let claim = CopyrightClaimDraft(pages: pages, workContributions: workContributions)
        return ComicVerification(
            source: source,
            work: work,
            foundBy: located?.how,
            workSignatures: located?.record.verdict.signatures ?? [],
            workStatus: workStatus,
            newerVersion: newer,
            pages: pages,
            workContributions: workContributions,
            comicInfoProblem: book.comicInfoProblem,
            problems: problems,
            notes: notes + (book.comicInfoProblem.map { ["ComicInfo.xml is unreadable: \($0)"] } ?? []),
            disclosure: disclosure,
            claim: claim
        )
    }

    /// The work record an archive is: the one its manifest names, else the one most of its
    /// pages are subjects of.
    private func locateWork(
        of book: ComicBook,
        problems: inout [String],
        notes: inout [String]
    ) async throws -> (version: WorkVersion, record: LedgerRecord, how: String)? {
        var manifest: WorkManifest?
        do {
            manifest = try Self.manifest(in: book)
        } catch {
            problems.append("\(error)")
        }
        if let manifest {
            if manifest.logOrigin != configuration.origin {
                notes.append("the archive's manifest comes from the log \(manifest.logOrigin)")
            }
            guard let id = RecordID(manifest.workRecord) else {
                problems.append("the archive's manifest names a malformed record id")
                return nil
            }
            guard let entry = try await storage({ try await store.entry(recordID: id) }) else {
                problems.append("the archive's manifest names the work record \(id), which this ledger does not hold")
                return nil
            }
            let record = try await self.record(entry: entry, registry: nil)
            guard let version = try await workVersion(record) else {
                problems.append("the archive's manifest names \(id), which is not a work record")
                return nil
            }
            return (version, record, "manifest")
        }
        var votes: [RecordID: (count: Int, index: UInt64)] = [:]
        for page in book.pages {
            for entry in try await entries(subject: "sha256", value: page.sha256)
            where entry.predicateType == PredicateType.work.rawValue {
                votes[entry.recordID, default: (0, entry.index)].count += 1
            }
        }
        guard let best = votes.max(by: { ($0.value.count, $0.value.index) < ($1.value.count, $1.value.index) }) else {
            problems.append("no work record describes this comic; each page is looked up on its own")
            return nil
        }
        let record = try await self.record(best.key)
        guard let version = try await workVersion(record) else { return nil }
        return (version, record, "page digests")
    }
}
