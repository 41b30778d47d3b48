import ArgumentParser
import ColophonLedger
import ColophonMedia
import ColophonRecords
import ColophonReports
import Foundation

struct WorkExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a work as a CBZ: its pages, ComicInfo.xml and the Colophon work manifest.",
        discussion: """
            The page images are found by digest in --pages (a folder or a CBZ). The manifest (colophon-work.json) carries the signed work record, so `colophon verify COMIC.cbz` knows which record the archive is. Written to a temporary file and renamed: never half a CBZ.

            Example: colophon work export lighthouse --pages pages/ --out lighthouse.cbz
            """
    )

    @OptionGroup var options: LedgerOptions

    @Argument(help: ArgumentHelp("The work (its id or record id).", valueName: "work"))
    var reference: String

    @Option(help: ArgumentHelp("Where the page images are: a folder or a CBZ.", valueName: "pages"))
    var pages: String

    @Option(help: ArgumentHelp("The CBZ to write.", valueName: "file"))
    var out: String

    func run() async throws {
        let ledger = try await options.open()
        let version = try await ledger.work(reference)
        let book: ComicBook
        do {
            book = try ComicArchive.read(path: pages)
        } catch {
            throw Failure(Failure.usage, error.reason)
        }
        let bytes = try await ledger.comicArchive(of: version, pages: book.pages)
        do {
            try AtomicFile.write(bytes, to: out)
        } catch {
            throw Failure(Failure.usage, "cannot write \(out): \(error)")
        }
        let report = WorkExportReport(
            path: out,
            workId: version.predicate.workId,
            version: version.predicate.version,
            workRecord: version.record.description,
            pages: version.predicate.pages.count,
            bytes: bytes.count
        )
        try options.output.emit(report, text: report.text)
    }
}
