import ArgumentParser
import ColophonLedger
import ColophonMedia
import ColophonRecords
import ColophonReports
import Foundation

struct WorkImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record a work from a CBZ or a folder of page images.",
        discussion: """
            Pages are taken in reading order (page-2 before page-10) and recorded by file digest and size; title, series, creators and publisher come from ComicInfo.xml unless given here. --elements reads the elements of every page from a JSON file: {"pages": [{"number": 1, "elements": [{"id": "p1-art", "kind": "panel_art", "origin": "ai", "box": {"x": 0, "y": 0, "width": 800, "height": 600}, "generationRecords": ["sha256:…"]}]}]}. Importing a work id that exists makes a new version, which supersedes the old; without --elements, each page keeps the elements the current version gives a page with the same image (else the same number).

            Example: colophon work import lighthouse.cbz --id lighthouse --elements layout.json --key kris
            """,
        aliases: ["create"]
    )

    @OptionGroup var options: LedgerOptions
    @OptionGroup var passphrase: PassphraseOptions
    @OptionGroup var work: WorkOptions

    @Argument(help: ArgumentHelp("The CBZ file or folder of pages.", valueName: "comic"))
    var comic: String

    @Option(help: ArgumentHelp("The work's id, stable across versions.", valueName: "id"))
    var id: String

    @Option(help: ArgumentHelp("The title; default: ComicInfo.xml's.", valueName: "title"))
    var title: String?

    @Option(help: ArgumentHelp("A JSON file with every page's elements.", valueName: "file"))
    var elements: String?

    func validate() throws {
        guard !id.trimmingCharacters(in: .whitespaces).isEmpty, id.count <= 256 else {
            throw ValidationError("--id needs 1 to 256 characters")
        }
    }

    func run() async throws {
        let book: ComicBook
        do {
            book = try ComicArchive.read(path: comic)
        } catch {
            throw Failure(Failure.usage, error.reason)
        }
        let ledger = try await options.open()
        let current = try await ledger.currentWork(id)
        let named = title ?? book.comicInfo?.title ?? book.comicInfo?.series ?? current?.predicate.title
        var predicate = try Ledger.work(from: book, workId: id, title: named)
        if let elements {
            let text = try InputFile.read(elements, limit: 16 << 20, what: "elements file")
            try WorkElements.apply(text, from: elements, to: &predicate)
        }
        try work.apply(to: &predicate)
        if let current {
            if elements == nil {
                let changed = predicate.carryElements(from: current.predicate)
                if !changed.isEmpty {
                    Terminal.error(
                        "note: page\(changed.count == 1 ? "" : "s") \(changed.map(String.init).joined(separator: ", ")) of \(id) \(changed.count == 1 ? "has a new image and keeps" : "have new images and keep") the elements of the previous version; check them with `colophon work show \(id)`"
                    )
                }
            }
            if work.creator.isEmpty { predicate.creators = predicate.creators ?? current.predicate.creators }
            if work.publisher == nil { predicate.publisher = predicate.publisher ?? current.predicate.publisher }
            if work.contribution.isEmpty { predicate.contributionRecords = current.predicate.contributionRecords }
        }
        let signer = try await ledger.signingKey(named: work.key, passphrase: try passphrase.passphrase())
        let recorded = try await ledger.recordWork(predicate, key: signer.key)
        let report = WorkReport(recorded)
        try options.output.emit(report, text: report.text)
    }
}
