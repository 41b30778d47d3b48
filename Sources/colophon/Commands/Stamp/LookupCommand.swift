import ArgumentParser
import ColophonCrypto
import ColophonLedger
import ColophonMedia
import ColophonRecords
import ColophonStorage
import Foundation

struct LookupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Find records by image, digest, perceptual hash, artist or LoRA.",
        discussion: """
            IMAGE: the records whose subject is its file digest or its pixel digest, then every record whose PDQ hash is within distance 31. --sha256 finds any record with that subject; --pdq the generation records near a 64-hex PDQ hash; --lora the generation records that used a registered LoRA (named by record id, hash or name); --artist the LoRAs declared to emulate an artist or naming them in their training metadata (dataset folders, caption tags, comments, trigger words), and the images made with them. Exit status 1 when nothing is found.

            Example: colophon lookup --lora inkwash_style_v2
            """
    )

    @OptionGroup var options: LedgerOptions

    @Argument(help: ArgumentHelp("An image to look up.", valueName: "image"))
    var image: String?

    @Option(help: ArgumentHelp("A subject's SHA-256.", valueName: "hex"))
    var sha256: String?

    @Option(help: ArgumentHelp("A PDQ hash.", valueName: "hex"))
    var pdq: String?

    @Option(help: ArgumentHelp("An artist's name.", valueName: "name"))
    var artist: String?

    @Option(help: ArgumentHelp("A LoRA's record id, hash or name.", valueName: "ref"))
    var lora: String?

    @Option(help: ArgumentHelp("The largest PDQ distance that counts as a match.", valueName: "bits"))
    var maxDistance = PDQIndex.defaultThreshold

    func validate() throws {
        let given = [image, sha256, pdq, artist, lora].compactMap { $0 }.count
        guard given == 1 else { throw ValidationError("give exactly one of IMAGE, --sha256, --pdq, --artist, --lora") }
        if let sha256, sha256.count != 64 || !sha256.allSatisfy(\.isHexDigit) {
            throw ValidationError("--sha256 needs 64 hex digits")
        }
        if let pdq, PDQHash(hex: pdq.lowercased()) == nil { throw ValidationError("--pdq needs 64 hex digits") }
        guard (0...256).contains(maxDistance) else { throw ValidationError("--max-distance must be 0…256") }
    }

    func run() async throws {
        let ledger = try await options.open()
        let report: LookupReport
        if let image {
            report = try await byImage(image, ledger: ledger)
        } else if let sha256 {
            let entries = try await ledger.entries(subject: "sha256", value: sha256.lowercased())
            report = LookupReport(
                query: .init(kind: "sha256", value: sha256.lowercased()),
                matches: entries.map { LookupReport.match($0, via: "sha256") }
            )
        } else if let pdq, let hash = PDQHash(hex: pdq.lowercased()) {
            report = LookupReport(
                query: .init(kind: "pdq", value: hash.hex),
                matches: try await near(hash, ledger: ledger)
            )
        } else if let lora {
            report = try await byLora(lora, ledger: ledger)
        } else {
            report = try await byArtist(artist ?? "", ledger: ledger)
        }
        try options.output.emit(report, text: report.text)
        if report.matches.isEmpty { throw ExitCode(Failure.notVerified) }
    }

    private func near(_ hash: PDQHash, ledger: Ledger) async throws -> [LookupReport.Match] {
        var matches: [LookupReport.Match] = []
        for found in try await ledger.pdqIndex().search(hash, maxDistance: maxDistance).prefix(100) {
            let record = try await ledger.record(at: found.entry)
            matches.append(LookupReport.match(record.entry, via: "pdq", distance: found.distance))
        }
        return matches
    }

    private func byImage(_ path: String, ledger: Ledger) async throws -> LookupReport {
        let bytes = try InputFile.read(path, limit: Stamper.maxFileBytes, what: "image")
        let digests = try ImageDigests(bytes: bytes, name: path)
        var matches: [LookupReport.Match] = []
        var seen: Set<UInt64> = []
        let searches = [("sha256", digests.fileSHA256)] + digests.contentDigests.map { ($0.algorithm, $0.value) }
        for (algorithm, value) in searches {
            let via =
                algorithm == "sha256"
                ? "file-digest" : algorithm == Stamper.pixelDigestAlgorithm ? "pixel-digest" : "bitstream-digest"
            for entry in try await ledger.entries(subject: algorithm, value: value)
            where seen.insert(entry.index).inserted {
                matches.append(LookupReport.match(entry, via: via, distance: 0))
            }
        }
        if let hash = digests.pdq, hash.quality >= PDQIndex.minimumQuality {
            for match in try await near(hash, ledger: ledger) where seen.insert(match.index).inserted {
                matches.append(match)
            }
        }
        return LookupReport(query: .init(kind: "image", value: path), matches: matches)
    }

    private func byLora(_ reference: String, ledger: Ledger) async throws -> LookupReport {
        let catalog = try await ledger.modelCatalog()
        guard let adapter = catalog.resolve(argument: reference, type: .adapter) else {
            throw Failure(Failure.notVerified, "no registered LoRA matches \(reference)")
        }
        var matches = [
            LookupReport.Match(
                recordId: adapter.record.description,
                index: try await ledger.record(adapter.record).entry.index,
                type: "adapter",
                via: "registration",
                name: adapter.name
            )
        ]
        matches += try await uses(of: adapter, ledger: ledger)
        return LookupReport(query: .init(kind: "lora", value: reference), matches: matches)
    }

    private func uses(of adapter: ModelCatalog.Entry, ledger: Ledger) async throws -> [LookupReport.Match] {
        try await ledger.entries(referencing: adapter.record)
            .filter { $0.predicateType == PredicateType.generation.rawValue }
            .map { LookupReport.match($0, via: "used \(adapter.name)") }
    }

    private func byArtist(_ name: String, ledger: Ledger) async throws -> LookupReport {
        let catalog = try await ledger.modelCatalog()
        let book = try await ledger.consentBook()
        var matches: [LookupReport.Match] = []
        for declaration in book.declarations(naming: name) {
            let answers = declaration.predicate.declarations.map { "\($0.scope.rawValue) \($0.status.rawValue)" }
            matches.append(
                LookupReport.Match(
                    recordId: declaration.record.description,
                    index: declaration.index,
                    type: "consent",
                    via: "declared by \(declaration.signer): " + answers.joined(separator: ", "),
                    name: declaration.predicate.artist.name
                )
            )
        }
        let links = book.attributions(artist: name, catalog: catalog)
        var adapters: [RecordID] = []
        for link in links where !adapters.contains(link.adapter) { adapters.append(link.adapter) }
        for adapter in adapters {
            guard let entry = catalog.entries.first(where: { $0.record == adapter }) else { continue }
            let reasons = links.filter { $0.adapter == adapter }.map { "\($0.basis.rawValue): \($0.evidence)" }
            let stored = try await ledger.record(adapter).entry
            matches.append(
                LookupReport.match(stored, via: "attributed — " + reasons.joined(separator: "; "), name: entry.name)
            )
            matches += try await uses(of: entry, ledger: ledger)
        }
        return LookupReport(query: .init(kind: "artist", value: name), matches: matches)
    }
}
