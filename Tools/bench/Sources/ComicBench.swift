import ColophonCrypto
import ColophonLedger
import ColophonMedia
import ColophonRecords
import Foundation

/// A publisher verifying a 200-page CBZ of about 400 MB, against `sha256sum` hashing the same
/// pages as files: the work record, 200 generation records and two elements per page make the
/// ledger side real.
enum ComicBench {
    static func run(pages: Int, pageBytes: Int) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "colophon-comic-bench-\(UUID().uuidString)"
        )
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        print("Comic verification: \(pages) pages of about \(pageBytes >> 20) MiB")

        // One real page image, made distinct per page and padded to size by a private chunk.
        let base = try PNGFile(bytes: try PNGEncoder.encode(SampleArt.lighthouse(side: 1024, grain: 40), alpha: false))
        var noise: UInt64 = 0x9E37_79B9_7F4A_7C15
        var files: [(name: String, bytes: [UInt8])] = []
        for number in 1...pages {
            var png = base
            let padding = max(0, pageBytes - base.serialized().count - 12)
            let filler = (0..<padding).map { _ in
                noise = noise &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: noise >> 56)
            }
            png.chunks.insert(PNGChunk(type: "prVt", data: filler[...]), at: 1)
            try png.setText(PNGText(keyword: "Comment", text: "page \(number)", kind: .text))
            let bytes = png.serialized()
            let name = "page-\(String(repeating: "0", count: 3 - min(3, String(number).count)))\(number).png"
            try Data(bytes).write(to: folder.appendingPathComponent(name))
            files.append((name, bytes))
        }
        let cbz = root.appendingPathComponent("comic.cbz").path
        try Data(try ComicArchive.cbz(pages: files, comicInfo: nil, manifest: nil)).write(to: URL(fileURLWithPath: cbz))
        let total = files.reduce(0) { $0 + $1.bytes.count }

        let ledger = try await Ledger.create(
            at: LedgerDirectory(root.appendingPathComponent("ledger").path),
            origin: "bench.example/log"
        )
        _ = try await ledger.createKey(name: "studio", role: .generator)
        _ = try await ledger.createKey(name: "author", role: .author)
        let studio = try ledger.keyring.load("studio")
        let author = try ledger.keyring.load("author")
        var envelopes: [Envelope] = []
        for number in 1...pages {
            var generation = GenerationPredicate()
            generation.prompt = .clear("panel \(number)")
            generation.model = .init(name: "sd_xl_base_1.0")
            envelopes.append(
                try Envelope.sign(
                    Statement(
                        subjects: [
                            Subject(name: "panel-\(number).png", sha256: SHA256.hash(utf8: "panel \(number)").hex)
                        ],
                        predicate: generation
                    ),
                    with: studio
                )
            )
        }
        let generations = try await ledger.append(envelopes).map(\.recordID)
        var lettering = ContributionPredicate(
            contributor: Party(name: "Author"),
            category: .lettering,
            attestation: "I lettered it."
        )
        lettering.target = .init(workId: "bench")
        let contribution = try await ledger.recordContribution(
            ContributionRequest(
                predicate: lettering,
                material: [.init(name: "script.txt", bytes: Array("script".utf8))]
            ),
            key: author
        ).record.recordID
        var workPages: [WorkPredicate.Page] = []
        for (offset, file) in files.enumerated() {
            var page = WorkPredicate.Page(number: offset + 1, sha256: SHA256.hash(file.bytes).hex)
            page.fileName = file.name
            page.width = 1024
            page.height = 1024
            var art = WorkPredicate.Element(id: "p\(offset + 1)-art", kind: "panel_art", origin: "ai")
            art.box = Box(x: 0, y: 0, width: 1024, height: 700)
            art.generationRecords = [generations[offset].description]
            var balloon = WorkPredicate.Element(id: "p\(offset + 1)-balloon", kind: "balloon", origin: "human")
            balloon.box = Box(x: 50, y: 750, width: 900, height: 200)
            balloon.contributionRecords = [contribution.description]
            page.elements = [art, balloon]
            workPages.append(page)
        }
        _ = try await ledger.recordWork(WorkPredicate(workId: "bench", title: "Bench", pages: workPages), key: author)

        let paths = files.map { folder.appendingPathComponent($0.name).path }
        func sha256sum() throws -> Double {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            process.arguments = paths
            process.standardOutput = FileHandle.nullDevice
            let start = DispatchTime.now().uptimeNanoseconds
            try process.run()
            process.waitUntilExit()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        _ = try sha256sum()  // warm the page cache for both sides
        var peer: [Double] = []
        var ours: [Double] = []
        var verified = true
        for _ in 0..<3 {
            peer.append(try sha256sum())
            let (result, seconds) = try await Measure.seconds { try await ledger.verifyComic(path: cbz) }
            verified = verified && result.verified && result.pages.count == pages
            ours.append(seconds)
        }
        let (book, readSeconds) = try Measure.secondsSync { try ComicArchive.read(path: cbz) }
        let (check, checkSeconds) = try await Measure.seconds { try await ledger.verifyComic(book, source: cbz) }
        if !check.verified {
            print(
                "  NOT VERIFIED: \(check.problems.prefix(3)) \(check.pages.flatMap(\.problems).prefix(3)) \(check.pages.flatMap { $0.elements.flatMap(\.problems) }.prefix(3))"
            )
        }
        print(
            "  of which: reading and hashing the CBZ \(Measure.format(readSeconds * 1000)) ms, checking the records \(Measure.format(checkSeconds * 1000)) ms"
        )
        let peerMedian = Measure.percentile(peer, 50)
        let oursMedian = Measure.percentile(ours, 50)
        print("  pages: \(total >> 20) MiB in \(pages) files; CBZ \(cbz.count > 0 ? "stored" : "")")
        print(
            "  sha256sum of the pages:        \(Measure.format(peerMedian * 1000)) ms (\(Measure.format(Double(total) / peerMedian / 1e6)) MB/s)"
        )
        print(
            "  colophon verify COMIC.cbz:     \(Measure.format(oursMedian * 1000)) ms (\(Measure.format(Double(total) / oursMedian / 1e6)) MB/s), verified: \(verified)"
        )
        print("  ratio colophon / sha256sum:    \(Measure.format(oursMedian / peerMedian))× (target: under 2×)")
    }
}
