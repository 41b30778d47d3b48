import ColophonCrypto
import ColophonLedger
import ColophonLog
import ColophonMedia
import ColophonRecords
import ColophonReports
import ColophonStorage
import Foundation

/// The quickstart's sample story, step by step, on a fresh ledger.
struct QuickstartStory {
    let root: URL
    let narrate: Bool

    /// The names the story writes at the top of `root`, and nothing else.
    enum Written {
        static let ledger = "ledger"
        static let samples = "samples"
        static let comic = "lighthouse.cbz"
        static let report = "lighthouse-report.html"
        static let proof = "panel.tlog-proof"
        static let tiles = "tiles"
        static let all: Set<String> = [ledger, samples, comic, report, proof, tiles]
    }

    struct Outcome {
        /// Where the ledger, the report, the panels and the CBZ were written.
        var ledger: String
        var report: String
        var panels: String
        var comic: String
        var records: Int
        var head: TreeHead
        var proofVerified: Bool
        var tilesVerified: Bool
        var comicVerified: Bool
        var flaggedPages: [Int]
        var steps: [String]
    }

    private final class Steps {
        var lines: [String] = []
        let narrate: Bool
        init(narrate: Bool) { self.narrate = narrate }
        func say(_ line: String) {
            lines.append(line)
            if narrate { Terminal.out(line) }
        }
    }

    func run() async throws -> Outcome {
        let steps = Steps(narrate: narrate)
        let ledger = try await Ledger.create(
            at: LedgerDirectory(root.appendingPathComponent(Written.ledger).path),
            origin: "quickstart.colophon.example/log"
        )
        steps.say("1. Created a ledger at \(ledger.directory.root.path)")
        steps.say("   log vkey \(ledger.verifier.vkey)")

        for (name, role, owner) in [
            ("studio", KeyPredicate.Role.generator, "Example Studio Ltd"),
            ("kris", .author, "Kris Kashtanova"),
            ("greg", .artist, "Greg Rutkowski"),
            ("press", .publisher, "Example Comics"),
        ] {
            _ = try await ledger.createKey(name: name, role: role, owner: Party(name: owner))
        }
        steps.say("2. Registered keys: studio (generator), kris (author), greg (artist), press (publisher)")

        let studio = try ledger.keyring.load("studio")
        let samples = QuickstartSamples()
        let files = QuickstartFiles(folder: root.appendingPathComponent(Written.samples))
        try files.writeWeights()
        let modelFile = try ModelFile(path: files.model)
        let loraFile = try ModelFile(path: files.lora)
        let model = try await ledger.registerModel(modelFile, name: "SDXL sample", key: studio).record
        let lora = try await ledger.registerAdapter(loraFile, emulates: ["Greg Rutkowski"], key: studio).record
        steps.say(
            "3. Registered the base model \(modelFile.fileName) (AutoV2 \(modelFile.hashes.autov2 ?? "")) and the LoRA 'painterly' (AutoV3 \(loraFile.hashes.autov3?.prefix(12) ?? "")…), declared to emulate Greg Rutkowski; its training folders: \(loraFile.header?.trainingSummary?.datasetFolders?.map(\.name).joined(separator: ", ") ?? "none")"
        )

        let greg = try ledger.keyring.load("greg")
        var refusal = ConsentPredicate(
            artist: .init(name: "Greg Rutkowski", aliases: ["rutkowski"]),
            declarations: [.init(scope: .styleEmulation, status: .refused), .init(scope: .training, status: .refused)]
        )
        refusal.effectiveFrom = Timestamp("2023-01-01T00:00:00Z")
        let declared = try await ledger.declareConsent(refusal, key: greg)
        steps.say(
            "4. Greg Rutkowski declared, with his own key, that he refuses style emulation and training; the LoRA is linked to him by \(declared.attributions.count) attribution record (\(declared.attributions.first?.evidence ?? "none"))"
        )

        let comic = QuickstartComic(folder: files.folder)
        let stamper = try await Stamper(ledger: ledger, key: studio)
        var options = StampOptions()
        options.embed = true
        options.provider = "Example Studio Ltd"
        var panels: [RecordID] = []
        var panelImages: [DecodedImage] = []
        var panelFiles: [[UInt8]] = []
        for number in 1...3 {
            let bytes = try comic.writePanel(
                number,
                seed: 1_234_567_890 + number,
                modelHash: modelFile.hashes.sha256 ?? "",
                loraHash: number < 3 ? loraFile.hashes.autov3 : nil
            )
            let stamped = try await stamper.stamp(path: comic.panelPath(number), options: options)
            panels.append(stamped.recordID)
            panelImages.append(try ImageDecoder.decode(bytes))
            panelFiles.append(bytes)
        }
        let wrong = try await append(ledger, samples.generation(model: model, lora: lora, seed: 1), by: studio)
        _ = try await ledger.correct(
            wrong,
            action: .supersede,
            reason: "hand-written record with the wrong seed; replaced by the stamped image",
            replacement: panels[0],
            keyName: "studio"
        )
        steps.say(
            "5. Stamped three panels from their A1111 metadata, credentials embedded as XMP; panels 1 and 2 used the LoRA, panel 3 did not. An earlier hand-written record with a wrong seed is superseded (nothing is deleted)"
        )

        let panelBytes = Array(try Data(contentsOf: URL(fileURLWithPath: comic.panelPath(1))))
        let verified = try await ledger.verifyImage(bytes: panelBytes, name: "panel-1.png")
        var stripped = try PNGFile(bytes: panelBytes)
        stripped.chunks.removeAll { !$0.isCritical }
        stripped.chunks = Self.splitImageData(stripped.chunks)
        let found = try await ledger.verifyImage(bytes: stripped.serialized(), name: "stripped.png")
        guard verified.verdict == .verified, found.verdict == .matchesRecord,
            verified.consent.contains(where: { $0.kind == .conflict })
        else {
            throw Failure(
                Failure.internalError,
                "the stamped panel did not verify (\(verified.verdict), \(found.verdict))"
            )
        }
        steps.say(
            "   verify panel-1.png: \(verified.verdict.rawValue), and it \(verified.consent.first?.message ?? "")"
        )
        steps.say("   with its metadata stripped: \(found.verdict.rawValue) by \(found.method.rawValue)")

        let kris = try ledger.keyring.load("kris")
        let author = Party(name: "Kris Kashtanova", role: "author")
        let edited = comic.redraw(panelImages[1])
        let editedBytes = try PNGEncoder.encode(edited, alpha: false)
        var pageDigests: [String] = []
        for number in 1...3 {
            let art = number == 2 ? edited : panelImages[number - 1]
            let bytes = try comic.writePage(number, comic.page(art: art, lines: 1 + number % 3))
            pageDigests.append(SHA256.hash(bytes).hex)
        }
        func contribute(
            _ category: ContributionPredicate.Category,
            _ attestation: String,
            page: Int? = nil,
            configure: (inout ContributionPredicate) -> Void = { _ in },
            material: [ContributionRequest.File] = [],
            evidence: [ContributionRequest.File] = []
        ) async throws -> RecordID {
            var predicate = ContributionPredicate(contributor: author, category: category, attestation: attestation)
            predicate.target = .init(workId: "lighthouse", page: page)
            predicate.tools = [ToolUse(name: "Clip Studio Paint", version: "3.0", generative: false)]
            configure(&predicate)
            let request = ContributionRequest(predicate: predicate, material: material, evidence: evidence)
            return try await ledger.recordContribution(request, key: kris).record.recordID
        }
        let script = ContributionRequest.File(
            name: "script.txt",
            bytes: Array("PAGE 1. The keeper climbs the stairs at dawn. KEEPER: Another morning, old light.\n".utf8),
            mediaType: "text/plain"
        )
        let text = try await contribute(.text, "I wrote the story and every line of dialogue.", material: [script])
        let layout = try await contribute(
            .arrangementLayout,
            "I laid out the three pages: panel placement, borders and reading order.",
            evidence: [.init(name: "layout.txt", bytes: Array("thumbnails v1, v2, final".utf8))]
        )
        let candidates = [panels[0], panels[1], panels[2]].map(\.digest.hex)
        let selection = try await contribute(
            .selection,
            "I chose this panel from the three candidates the generator made.",
            configure: { $0.selection = .init(candidates: candidates, chosen: [candidates[0]]) }
        )
        var lettering: [RecordID] = []
        let b = QuickstartComic.balloon
        for number in 1...3 {
            lettering.append(
                try await contribute(
                    .lettering,
                    "I lettered the balloon on page \(number) by hand.",
                    configure: {
                        $0.region = .box(
                            Box(x: Double(b.x), y: Double(b.y), width: Double(b.width), height: Double(b.height))
                        )
                    },
                    material: [.init(name: "balloon-\(number).txt", bytes: Array("balloon \(number)".utf8))]
                )
            )
        }
        let redraw = try await contribute(
            .modificationOfAIOutput,
            "I redrew the keeper's face and hands in panel 2 by hand.",
            configure: {
                $0.before = DigestRef(sha256: SHA256.hash(panelFiles[1]).hex)
                $0.after = DigestRef(sha256: SHA256.hash(editedBytes).hex)
                $0.extent = "extensive"
                $0.tools = [ToolUse(name: "Krita", version: "5.2", generative: false)]
            },
            evidence: [.init(name: "panel-2.kra", bytes: editedBytes, mediaType: "application/x-krita")]
        )
        steps.say(
            "6. Kris recorded the script, the layout, the selection of panel 1, the lettering of each page and a hand redraw of panel 2 (with its before- and after-images): 7 contribution records"
        )

        var pages: [WorkPredicate.Page] = []
        for number in 1...3 {
            var page = WorkPredicate.Page(number: number, sha256: pageDigests[number - 1])
            page.fileName = "page-\(number).png"
            page.width = QuickstartComic.pageWidth
            page.height = QuickstartComic.pageHeight
            let a = QuickstartComic.art
            var border = WorkPredicate.Element(id: "p\(number)-border", kind: "border", origin: "human")
            border.box = Box(
                x: Double(a.x - 10),
                y: Double(a.y - 10),
                width: Double(a.side + 20),
                height: Double(a.side + 20)
            )
            border.contributionRecords = [layout.description]
            var art = WorkPredicate.Element(
                id: "p\(number)-art",
                kind: "panel_art",
                origin: number == 2 ? "mixed" : "ai"
            )
            art.box = Box(x: Double(a.x), y: Double(a.y), width: Double(a.side), height: Double(a.side))
            art.zOrder = 1
            art.generationRecords = [panels[number - 1].description]
            if number == 2 {
                art.humanModification = "extensive"
                art.contributionRecords = [redraw.description]
            }
            if number == 1 { art.contributionRecords = [selection.description] }
            var balloon = WorkPredicate.Element(id: "p\(number)-balloon", kind: "balloon", origin: "human")
            balloon.box = Box(x: Double(b.x), y: Double(b.y), width: Double(b.width), height: Double(b.height))
            balloon.zOrder = 2
            balloon.contributionRecords = [lettering[number - 1].description, text.description]
            page.elements = [border, art, balloon]
            pages.append(page)
        }
        var workPredicate = WorkPredicate(workId: "lighthouse", title: "The Lighthouse Keeper", pages: pages)
        workPredicate.creators = [Party(name: "Kris Kashtanova", role: "writer, letterer")]
        workPredicate.publisher = Party(name: "Example Comics", role: "publisher")
        workPredicate.contributionRecords = [text.description, layout.description]
        let work = try await ledger.recordWork(workPredicate, key: kris)
        let book = try ComicArchive.read(path: files.folder.appendingPathComponent("pages").path)
        let cbz = root.appendingPathComponent(Written.comic).path
        try AtomicFile.write(try await ledger.comicArchive(of: work.version, pages: book.pages), to: cbz)
        steps.say(
            "7. Kris recorded the comic as a work (\(work.record.recordID.short)): 3 pages, 9 elements with their origins and records; exported \(cbz) with ComicInfo.xml and the signed work manifest"
        )

        let check = try await ledger.verifyComic(path: cbz)
        let report = ComicReport(check)
        let reportPath = root.appendingPathComponent(Written.report).path
        var images: [Int: ComicReport.PageImage] = [:]
        for (offset, page) in book.pages.enumerated() {
            images[offset + 1] = .init(mediaType: "image/png", bytes: try page.read())
        }
        try AtomicFile.write(Array(report.html(images: images).utf8), to: reportPath)
        let flaggedPages = Set(check.pages.filter { $0.elements.contains { !$0.consent.isEmpty } }.map(\.number))
        guard check.verified, flaggedPages == [1, 2] else {
            throw Failure(Failure.internalError, "the sample comic did not verify as expected: \(report.text)")
        }
        steps.say(
            "8. The publisher verified lighthouse.cbz: \(report.verdict); AI \(report.summary.ai), human \(report.summary.human), human-modified AI \(report.summary.humanModifiedAI); pages \(flaggedPages.sorted().map(String.init).joined(separator: " and ")) conflict with Greg Rutkowski's declared refusal (page 3 does not)"
        )
        steps.say("   disclosure: \(report.disclosure.classification) — \(report.disclosure.images)")
        steps.say("   claim draft, Author Created: \(report.claim.authorCreated)")
        steps.say("   claim draft, Material Excluded: \(report.claim.materialExcluded)")
        steps.say("   HTML report with page overlays: \(reportPath)")

        let superseded = try await ledger.record(wrong)
        steps.say("9. The superseded record now shows as \(superseded.status)")
        let panel = panels[0]

        let proof = try await ledger.inclusionProof(for: panel)
        let proofFile = root.appendingPathComponent(Written.proof)
        try Data(proof.text.utf8).write(to: proofFile)
        let entry = try await ledger.record(panel).envelope.canonicalBytes()
        let proven = try proof.verify(entry: entry, policy: TlogPolicy(log: ledger.verifier))
        steps.say(
            "10. Proved the panel's record is entry \(proof.index) of the log of size \(proven.size): \(proofFile.path)"
        )

        let tiles = root.appendingPathComponent(Written.tiles).path
        let published = try await ledger.publishTiles(to: tiles)
        let checked = try TileDirectoryVerifier(directory: tiles).verify(verifier: ledger.verifier)
        steps.say(
            "11. Published the log as static tiles (\(published.filesWritten) files) and re-derived every hash from them: size \(checked.size) verifies"
        )

        let head = try await ledger.latestCheckpoint()
        steps.say("Done: \(head.size) signed records; checkpoint root \(Base64.encode(head.root.bytes))")
        return Outcome(
            ledger: ledger.directory.root.path,
            report: reportPath,
            panels: files.folder.path,
            comic: cbz,
            records: Int(head.size),
            head: head,
            proofVerified: true,
            tilesVerified: checked.size == head.size,
            comicVerified: check.verified,
            flaggedPages: flaggedPages.sorted(),
            steps: steps.lines
        )
    }

    /// The image data split into two chunks: other file bytes, the same pixels, as a re-save
    /// by another tool would leave them.
    static func splitImageData(_ chunks: [PNGChunk]) -> [PNGChunk] {
        guard let index = chunks.firstIndex(where: { $0.type == "IDAT" }) else { return chunks }
        var result = chunks
        let data = chunks[index].data
        let half = data.startIndex + data.count / 2
        result.replaceSubrange(
            index...index,
            with: [PNGChunk(type: "IDAT", data: data[..<half]), PNGChunk(type: "IDAT", data: data[half...])]
        )
        return result
    }

    private func append(_ ledger: Ledger, _ statement: Statement, by key: SigningKey) async throws -> RecordID {
        let envelope = try Envelope.sign(statement, with: key)
        guard let result = try await ledger.append([envelope]).first else {
            throw Failure(Failure.internalError, "the sample record was not appended")
        }
        return result.recordID
    }
}
