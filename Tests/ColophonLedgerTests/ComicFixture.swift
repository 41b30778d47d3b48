import ColophonCrypto
import ColophonLedger
import ColophonMedia
import ColophonRecords
import Foundation
import Testing

/// A ledger holding a small comic: two AI panels (the first made with a LoRA whose training
/// data names a refusing artist), an author's lettering, layout and one hand edit, and a
/// two-page work that arranges them.
struct ComicFixture {
    let test: TestLedger
    let studio: SigningKey
    let author: SigningKey
    let artist: SigningKey
    let panels: [RecordID]
    let lettering: [RecordID]
    let layout: RecordID
    let redraw: RecordID
    let pages: [ComicPage]
    let work: Ledger.WorkRecorded

    static let size = (width: 400, height: 560)

    static func make() async throws -> ComicFixture {
        let test = try await TestLedger()
        for (name, role) in [("studio", KeyPredicate.Role.generator), ("kris", .author), ("inkwash", .artist)] {
            _ = try await test.ledger.createKey(name: name, role: role, owner: Party(name: name.capitalized))
        }
        let studio = try test.ledger.keyring.load("studio")
        let author = try test.ledger.keyring.load("kris")
        let artist = try test.ledger.keyring.load("inkwash")
        let file = try ModelFile(
            path: StampingTests.fixtures.appendingPathComponent("synth/lora_test.safetensors").path
        )
        let lora = try await test.ledger.registerAdapter(file, key: studio).record
        var refusal = ConsentPredicate(
            artist: .init(name: "Inkwash ArtistName"),
            declarations: [.init(scope: .styleEmulation, status: .refused)]
        )
        refusal.effectiveFrom = Timestamp("2020-01-01T00:00:00Z")
        _ = try await test.ledger.declareConsent(refusal, key: artist)

        var panels: [RecordID] = []
        var panelFiles: [[UInt8]] = []
        for number in 1...2 {
            let bytes = Array("panel \(number) as the generator saved it".utf8)
            var generation = GenerationPredicate(createdAt: Timestamp("2026-11-29T10:00:00Z")!)
            generation.prompt = .clear("a heron, panel \(number)")
            generation.model = .init(name: "sd_xl_base_1.0")
            if number == 1 {
                var use = GenerationPredicate.AdapterUse(name: "inkwash_style_v2", weight: 0.7)
                use.record = lora.description
                generation.adapters = [use]
            }
            let envelope = try Envelope.sign(
                Statement(
                    subjects: [Subject(name: "panel-\(number).png", sha256: SHA256.hash(bytes).hex)],
                    predicate: generation
                ),
                with: studio
            )
            panels.append(try #require(try await test.ledger.append([envelope]).first).recordID)
            panelFiles.append(bytes)
        }
        let pages = (1...2).map { number in
            let bytes = Array("page \(number) image".utf8)
            return ComicPage(name: "page-\(number).png", bytes: bytes)
        }
        let kris = Party(name: "Kris")
        func contribute(
            _ category: ContributionPredicate.Category,
            page: Int?,
            _ configure: (inout ContributionPredicate) -> Void
        )
            async throws -> RecordID
        {
            var predicate = ContributionPredicate(
                contributor: kris,
                category: category,
                attestation: "I did it by hand."
            )
            predicate.target = .init(workId: "heron", page: page)
            configure(&predicate)
            let request = ContributionRequest(
                predicate: predicate,
                evidence: [
                    .init(
                        name: "\(category.rawValue).txt",
                        bytes: Array("evidence \(category.rawValue) \(page ?? 0)".utf8)
                    )
                ]
            )
            return try await test.ledger.recordContribution(request, key: author).record.recordID
        }
        var lettering: [RecordID] = []
        for page in 1...2 {
            lettering.append(
                try await contribute(.lettering, page: page) {
                    $0.region = .box(Box(x: 40, y: 300, width: 320, height: 200))
                }
            )
        }
        let layout = try await contribute(.arrangementLayout, page: nil) { _ in }
        let redraw = try await contribute(.modificationOfAIOutput, page: 2) {
            $0.before = DigestRef(sha256: SHA256.hash(panelFiles[1]).hex)
            $0.after = DigestRef(sha256: SHA256.hash(Array("edited".utf8)).hex)
            $0.extent = "extensive"
        }
        var workPages: [WorkPredicate.Page] = []
        for (offset, image) in pages.enumerated() {
            let number = offset + 1
            var page = WorkPredicate.Page(number: number, sha256: image.sha256)
            page.fileName = image.name
            page.width = size.width
            page.height = size.height
            var art = WorkPredicate.Element(
                id: "p\(number)-art",
                kind: "panel_art",
                origin: number == 2 ? "mixed" : "ai"
            )
            art.box = Box(x: 20, y: 20, width: 256, height: 256)
            art.generationRecords = [panels[offset].description]
            if number == 2 {
                art.humanModification = "extensive"
                art.contributionRecords = [redraw.description]
            }
            var balloon = WorkPredicate.Element(id: "p\(number)-balloon", kind: "balloon", origin: "human")
            balloon.box = Box(x: 40, y: 300, width: 320, height: 200)
            balloon.contributionRecords = [lettering[offset].description]
            page.elements = [art, balloon]
            workPages.append(page)
        }
        var predicate = WorkPredicate(workId: "heron", title: "The Heron", pages: workPages)
        predicate.contributionRecords = [layout.description]
        let work = try await test.ledger.recordWork(predicate, key: author)
        return ComicFixture(
            test: test,
            studio: studio,
            author: author,
            artist: artist,
            panels: panels,
            lettering: lettering,
            layout: layout,
            redraw: redraw,
            pages: pages,
            work: work
        )
    }

    var ledger: Ledger { test.ledger }

    /// The comic as a folder of pages (no manifest).
    var book: ComicBook { ComicBook(pages: pages) }
}
