import ArgumentParser
import ColophonLedger
import ColophonMedia
import ColophonReports
import Foundation

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check where an image comes from, or check a whole comic for a publisher.",
        discussion: """
            IMAGE: an embedded credential is followed to its record, whose signature, inclusion in the log and binding to these pixels are checked: all good is "verified", anything wrong "tampered". Without one, the image is looked up by its file digest, then its pixel digest (which survives metadata stripping): "matches-record"; then by its PDQ hash (resized or re-compressed copies): "similar-to", with the distance. The provenance follows: model, LoRAs, prompt, settings, signer, and every conflict with an artist's declared refusal. A C2PA manifest is validated too (Invalid, Valid, Trusted, with c2pa's status codes), its org.colophon.record followed like an embedded credential; one that does not validate keeps the verdict from verified. Exit status 0 only when verified.

            COMIC.cbz or DIR: the work record is found from the archive's colophon-work.json, else from its page digests; every page is checked against it; every element is followed to its generation records (model, LoRAs, prompt, seed, signer) and contribution records (author, category, evidence); pages no record accounts for are "unknown provenance". Then the counts of AI, human and human-modified AI elements per page, the platform disclosure in Amazon KDP's terms, and a US Copyright Office claim draft. --html writes the report as one self-contained page with every page's elements drawn over it. Exit status 0 only when everything verifies.

            Examples:
              colophon verify downloaded.jpg --json
              colophon verify lighthouse.cbz --html report.html
            """
    )

    @OptionGroup var options: LedgerOptions

    @Argument(
        help: ArgumentHelp("The image (PNG, JPEG or WebP), a CBZ, or a folder of pages.", valueName: "image|comic")
    )
    var image: String

    @Option(
        name: .customLong("c2pa-anchor"),
        help: ArgumentHelp(
            "A PEM root to trust for C2PA manifests, besides the ledger's c2pa/anchors.pem (repeatable).",
            valueName: "file"
        )
    )
    var c2paAnchors: [String] = []

    @Option(help: ArgumentHelp("For a comic: also write the HTML report here.", valueName: "file"))
    var html: String?

    @Option(
        help: ArgumentHelp(
            "How many MiB of page images the HTML report embeds; later pages show a blank sheet.",
            valueName: "MiB"
        )
    )
    var htmlImages = 128

    func validate() throws {
        guard (0...4096).contains(htmlImages) else { throw ValidationError("--html-images must be 0…4096 MiB") }
    }

    func run() async throws {
        if try Self.isComic(image) {
            try await verifyComic()
            return
        }
        if html != nil { throw Failure(Failure.usage, "--html is for comics (a CBZ or a folder of pages)") }
        let bytes = try InputFile.read(image, limit: Stamper.maxFileBytes, what: "image")
        let ledger = try await options.open()
        let anchors = try C2PACredentials(directory: ledger.directory).anchors(extra: c2paAnchors)
        let result = try await ledger.verifyImage(bytes: bytes, name: image, c2paAnchors: anchors)
        let report = ImageReport(path: image, result)
        try options.output.emit(report, text: report.text)
        if result.verdict != .verified { throw ExitCode(Failure.notVerified) }
    }

    private func verifyComic() async throws {
        let book: ComicBook
        let reading = ProgressBar(total: 0, json: options.json, unit: .bytes)
        do {
            book = try reading.finishingBlocking { () throws(MediaError) in
                try ComicArchive.read(path: image) { reading.update(done: $0, total: $1) }
            }
        } catch {
            throw Failure(Failure.usage, error.reason)
        }
        let ledger = try await options.open()
        let bar = ProgressBar(total: book.pages.count, json: options.json, unit: .items("pages"))
        let result = try await bar.finishing {
            try await ledger.verifyComic(book, source: image) { bar.update(done: $0, total: $1) }
        }
        let report = ComicReport(result)
        if let html {
            let byDigest = Dictionary(book.pages.map { ($0.sha256, $0) }, uniquingKeysWith: { first, _ in first })
            var images: [Int: ComicReport.PageImage] = [:]
            for page in result.pages {
                guard let digest = page.sha256, let found = byDigest[digest], let bytes = try? found.read() else {
                    continue
                }
                let type = (try? ImageFile(bytes: bytes))?.mediaType.rawValue ?? "application/octet-stream"
                images[page.number] = ComicReport.PageImage(mediaType: type, bytes: bytes)
            }
            do {
                try AtomicFile.write(Array(report.html(images: images, budget: htmlImages << 20).utf8), to: html)
            } catch {
                throw Failure(Failure.usage, "cannot write \(html): \(error)")
            }
        }
        try options.output.emit(report, text: report.text)
        if !result.verified { throw ExitCode(Failure.notVerified) }
    }

    /// A folder, or a file that starts like a zip archive.
    static func isComic(_ path: String) throws -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Failure(Failure.usage, "\(path): no such file")
        }
        if isDirectory.boolValue { return true }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = Array(handle.readData(ofLength: 4))
        return head == [0x50, 0x4B, 0x03, 0x04] || head == [0x50, 0x4B, 0x05, 0x06]
    }
}
