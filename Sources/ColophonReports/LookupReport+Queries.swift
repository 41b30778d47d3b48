public import ColophonLedger
public import ColophonMedia
import ColophonRecords
import ColophonStorage
public import ColophonWatermark

extension LookupReport {
    /// The records whose subject is the SHA-256 `hex` (64 lower-case hex digits).
    public static func sha256(_ hex: String, ledger: Ledger) async throws -> LookupReport {
        let entries = try await ledger.entries(subject: "sha256", value: hex)
        return LookupReport(query: .init(kind: "sha256", value: hex), matches: entries.map { match($0, via: "sha256") })
    }

    /// The records whose subject is the pixel digest `hex` (see docs/pixel-digest.md).
    public static func pixels(_ hex: String, ledger: Ledger) async throws -> LookupReport {
        let entries = try await ledger.entries(subject: Stamper.pixelDigestAlgorithm, value: hex)
        return LookupReport(
            query: .init(kind: "pixels", value: hex),
            matches: entries.map { match($0, via: "pixel-digest", distance: 0) }
        )
    }

    /// The generation records whose image carries the watermark `id` (docs/watermark.md §8).
    public static func watermark(_ id: WatermarkID, ledger: Ledger) async throws -> LookupReport {
        LookupReport(
            query: .init(kind: "watermark", value: id.description),
            matches: try await marked(id, ledger: ledger).map { match($0, via: "watermark", distance: nil) }
        )
    }

    /// The generation records' entries whose subject carries the watermark `id`.
    static func marked(_ id: WatermarkID, ledger: Ledger) async throws -> [StoredEntry] {
        try await ledger.entries(subject: Ledger.watermarkAlgorithm, value: id.description)
            .filter { $0.predicateType == PredicateType.generation.rawValue }
    }

    /// The records whose PDQ hash is within `maxDistance` bits of `hash`, nearest first.
    public static func pdq(_ hash: PDQHash, maxDistance: Int, ledger: Ledger) async throws -> LookupReport {
        LookupReport(
            query: .init(kind: "pdq", value: hash.hex),
            matches: try await near(hash, maxDistance: maxDistance, ledger: ledger)
        )
    }

    static func near(_ hash: PDQHash, maxDistance: Int, ledger: Ledger) async throws -> [Match] {
        var matches: [Match] = []
        for found in try await ledger.pdqIndex().search(hash, maxDistance: maxDistance).prefix(100) {
            let record = try await ledger.record(at: found.entry)
            matches.append(match(record.entry, via: "pdq", distance: found.distance))
        }
        return matches
    }

    /// The records of an image: by its file digest, its pixel digest, its watermark, then its
    /// PDQ hash.
    ///
    /// - Throws: ``MediaError`` for bytes that are not a readable image.
    public static func image(
        _ bytes: [UInt8],
        name: String,
        maxDistance: Int,
        ledger: Ledger
    ) async throws
        -> LookupReport
    {
        let digests = try ImageDigests(bytes: bytes, name: name)
        var matches: [Match] = []
        var seen: Set<UInt64> = []
        let searches = [("sha256", digests.fileSHA256)] + digests.contentDigests.map { ($0.algorithm, $0.value) }
        for (algorithm, value) in searches {
            let via =
                algorithm == "sha256"
                ? "file-digest" : algorithm == Stamper.pixelDigestAlgorithm ? "pixel-digest" : "bitstream-digest"
            for entry in try await ledger.entries(subject: algorithm, value: value)
            where seen.insert(entry.index).inserted {
                matches.append(match(entry, via: via, distance: 0))
            }
        }
        // The watermark, before PDQ: it survives crops and rotations that move PDQ far away.
        if let image = digests.image, image.width >= WatermarkDetector.minimumSide,
            image.height >= WatermarkDetector.minimumSide,
            let id = WatermarkDetector.detect(try image.watermarkPixels).id
        {
            for entry in try await marked(id, ledger: ledger) where seen.insert(entry.index).inserted {
                matches.append(match(entry, via: "watermark", distance: nil))
            }
        }
        if let hash = digests.pdq, hash.quality >= PDQIndex.minimumQuality {
            for found in try await near(hash, maxDistance: maxDistance, ledger: ledger)
            where seen.insert(found.index).inserted {
                matches.append(found)
            }
        }
        return LookupReport(query: .init(kind: "image", value: name), matches: matches)
    }

    /// A registered LoRA and the generation records that used it; `nil` when no registered
    /// LoRA matches `reference` (a record id, hash or name).
    public static func lora(_ reference: String, ledger: Ledger) async throws -> LookupReport? {
        let catalog = try await ledger.modelCatalog()
        guard let adapter = catalog.resolve(argument: reference, type: .adapter) else { return nil }
        var matches = [
            Match(
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

    static func uses(of adapter: ModelCatalog.Entry, ledger: Ledger) async throws -> [Match] {
        try await ledger.entries(referencing: adapter.record)
            .filter { $0.predicateType == PredicateType.generation.rawValue }
            .map { match($0, via: "used \(adapter.name)") }
    }

    /// An artist's consent declarations, the LoRAs attributed to the artist, and their outputs.
    public static func artist(_ name: String, ledger: Ledger) async throws -> LookupReport {
        let catalog = try await ledger.modelCatalog()
        let book = try await ledger.consentBook()
        var matches: [Match] = []
        for declaration in book.declarations(naming: name) {
            let answers = declaration.predicate.declarations.map { "\($0.scope.rawValue) \($0.status.rawValue)" }
            matches.append(
                Match(
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
            matches.append(match(stored, via: "attributed — " + reasons.joined(separator: "; "), name: entry.name))
            matches += try await uses(of: entry, ledger: ledger)
        }
        return LookupReport(query: .init(kind: "artist", value: name), matches: matches)
    }
}
