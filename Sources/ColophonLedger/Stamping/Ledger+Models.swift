public import ColophonCrypto
public import ColophonMedia
public import ColophonRecords
import ColophonStorage
import Foundation

extension Ledger {
    /// Registers a base model file: a `model` record whose subject is the file's SHA-256, with
    /// every hash generators know it by and its safetensors header kept as a blob. A file
    /// already registered is not registered twice; its existing record is returned.
    public func registerModel(
        _ file: ModelFile,
        name: String? = nil,
        key: SigningKey
    ) async throws -> (record: RecordID, index: UInt64, isNew: Bool) {
        if let existing = try await registration(of: file, type: .model) { return existing }
        let displayName =
            name.flatMap(GenerationBuilder.name) ?? GenerationBuilder.name(Self.stem(of: file.fileName)) ?? "unnamed"
        var predicate = ModelPredicate(name: displayName, hashes: file.hashes)
        predicate.fileName = GenerationBuilder.name(file.fileName)
        predicate.sizeBytes = file.size
        predicate.format = Self.format(of: file)
        if let header = file.header {
            predicate.headerBlob = Self.blobReference(header.headerBytes)
            predicate.architecture = GenerationBuilder.name(header.value("modelspec.architecture") ?? "")
            predicate.license = GenerationBuilder.name(header.value("modelspec.license") ?? "")
            predicate.description = header.value("modelspec.description").map {
                GenerationBuilder.prefix($0, bytes: 4096)
            }
        }
        return try await appendRegistration(predicate, file: file, blobs: [file.header?.headerBytes], key: key)
    }

    /// Registers a LoRA or other adapter: an `adapter` record summarising its training
    /// metadata (folders and top caption tags), the artists it is declared to emulate, and the
    /// full header as a blob.
    public func registerAdapter(
        _ file: ModelFile,
        name: String? = nil,
        emulates: [String] = [],
        key: SigningKey
    ) async throws -> (record: RecordID, index: UInt64, isNew: Bool) {
        if let existing = try await registration(of: file, type: .adapter), emulates.isEmpty { return existing }
        let header = file.header
        let displayName =
            name.flatMap(GenerationBuilder.name) ?? header?.value("ss_output_name").flatMap(GenerationBuilder.name)
            ?? GenerationBuilder.name(Self.stem(of: file.fileName)) ?? "unnamed"
        var predicate = AdapterPredicate(name: displayName, kind: Self.adapterKind(header), hashes: file.hashes)
        predicate.fileName = GenerationBuilder.name(file.fileName)
        predicate.sizeBytes = file.size
        predicate.format = Self.format(of: file)
        let artists = emulates.compactMap(GenerationBuilder.name)
        predicate.emulates = artists.isEmpty ? nil : Array(artists.prefix(64))
        if let header {
            predicate.headerBlob = Self.blobReference(header.headerBytes)
            predicate.training = header.trainingSummary
            predicate.triggerWords = header.triggerWords
            predicate.license = GenerationBuilder.name(header.value("modelspec.license") ?? "")
            predicate.description = header.value("modelspec.description").map {
                GenerationBuilder.prefix($0, bytes: 4096)
            }
            if let base = (header.value("ss_sd_model_name") ?? header.value("ss_base_model_version")).flatMap(
                GenerationBuilder.name
            ) {
                var model = AdapterPredicate.BaseModel(
                    name: base,
                    version: header.value("ss_base_model_version").flatMap(GenerationBuilder.name)
                )
                let hashes = FileHashes(
                    sha256: header.value("ss_new_sd_model_hash").flatMap { Self.hex($0, length: 64) },
                    autov1: header.value("ss_sd_model_hash").flatMap { Self.hex($0, length: 8) }
                )
                if hashes != FileHashes() { model.hashes = hashes }
                predicate.baseModel = model
            }
        }
        let registered = try await appendRegistration(
            Self.fitted(predicate),
            file: file,
            blobs: [header?.headerBytes],
            key: key
        )
        _ = try await attributeAdapter(registered.record, key: key)
        return registered
    }

    /// Links a registered adapter to artists by `attribution` records: one for each artist it
    /// is declared to emulate, and one for each artist with a declaration in force whom its
    /// training metadata names. Links already recorded are not recorded again.
    @discardableResult
    public func attributeAdapter(_ adapter: RecordID, key: SigningKey) async throws -> [AdapterAttribution] {
        let catalog = try await modelCatalog()
        guard let entry = catalog.entries.first(where: { $0.record == adapter }) else {
            throw LedgerError(.notFound, "\(adapter) is not a registered adapter")
        }
        let book = try await consentBook()
        let registry = try await keyRegistry()
        let signer = registry.key(id: key.verifyingKey.keyID)
        let party = signer.map { $0.owner ?? Party(name: $0.name, role: $0.role.rawValue) }
        var made: [AdapterAttribution] = []
        for artist in entry.emulates {
            let link = AdapterAttribution(
                adapter: adapter,
                adapterName: entry.name,
                artist: artist,
                basis: .declared,
                confidence: 1,
                evidence: "declared to emulate \(artist) when registered"
            )
            let consent = book.declarations(naming: artist).first?.record
            made += try await recordAttributions([link], book: book, consent: consent, assertedBy: party, key: key)
        }
        for declaration in book.declarations {
            let links = entry.attributions(to: declaration.names, artist: declaration.predicate.artist.name)
                .filter { link in
                    link.basis != .declared
                        && !made.contains {
                            $0.basis == link.basis && ArtistName($0.artist).map(declaration.names.contains) == true
                        }
                }
            made += try await recordAttributions(
                links,
                book: book,
                consent: declaration.record,
                assertedBy: party,
                key: key
            )
        }
        return made
    }

    /// An adapter predicate within the record budget: hostile headers can name thousands of
    /// long tags and folders; the header blob keeps all of them.
    static func fitted(_ adapter: AdapterPredicate) -> AdapterPredicate {
        var predicate = adapter
        func keep(tags: Int) -> (inout AdapterPredicate) -> Void {
            { predicate in
                let kept = predicate.training?.topTags.map { Array($0.prefix(tags)) }
                predicate.training?.topTags = kept
            }
        }
        func keep(folders: Int) -> (inout AdapterPredicate) -> Void {
            { predicate in
                let kept = predicate.training?.datasetFolders.map { Array($0.prefix(folders)) }
                predicate.training?.datasetFolders = kept
            }
        }
        let steps: [(String, (inout AdapterPredicate) -> Void)] = [
            ("trigger words", { $0.triggerWords = $0.triggerWords.map { Array($0.prefix(16)) } }),
            ("tags", keep(tags: 10)),
            ("folders", keep(folders: 16)),
            (
                "texts",
                { predicate in
                    let description = predicate.description.map { GenerationBuilder.prefix($0, bytes: 1024) }
                    let comment = predicate.training?.comment.map { GenerationBuilder.prefix($0, bytes: 1024) }
                    let trainingDescription = predicate.training?.description.map {
                        GenerationBuilder.prefix($0, bytes: 1024)
                    }
                    predicate.description = description
                    predicate.training?.comment = comment
                    predicate.training?.description = trainingDescription
                }
            ),
            ("trigger words", { $0.triggerWords = nil }),
            ("tags", keep(tags: 3)),
            ("folders", keep(folders: 3)),
        ]
        _ = GenerationBuilder.shrink(&predicate, steps: steps)
        return predicate
    }

    /// Stores bytes as a blob and returns its `sha256:<hex>` reference.
    public func storeBlob(_ bytes: [UInt8]) async throws -> String {
        let digest = try await storage { try await store.putBlob(bytes) }
        return "sha256:" + digest.hex
    }

    /// The `sha256:<hex>` reference bytes will have once stored.
    static func blobReference(_ bytes: [UInt8]) -> String {
        "sha256:" + SHA256.hash(bytes).hex
    }

    private func registration(
        of file: ModelFile,
        type: PredicateType
    ) async throws -> (
        record: RecordID, index: UInt64, isNew: Bool
    )? {
        guard let sha256 = file.hashes.sha256 else { return nil }
        let entries = try await storage { try await store.entries(subject: .init(algorithm: "sha256", value: sha256)) }
        guard let entry = entries.first(where: { $0.predicateType == type.rawValue }) else { return nil }
        return (entry.recordID, entry.index, false)
    }

    /// Builds, signs and appends a registration with the blobs it cites (stored only if it is
    /// accepted).
    private func appendRegistration<P: ColophonRecords.Predicate>(
        _ predicate: P,
        file: ModelFile,
        blobs: [[UInt8]?],
        key: SigningKey
    ) async throws -> (record: RecordID, index: UInt64, isNew: Bool) {
        guard let sha256 = file.hashes.sha256 else { throw LedgerError(.internalError, "\(file.path) has no SHA-256") }
        let statement: Statement
        do {
            statement = try Statement(subjects: [Subject(name: file.fileName, sha256: sha256)], predicate: predicate)
        } catch {
            throw LedgerError(.badInput, "\(file.path): \(error)")
        }
        let result = try await appendOne(
            try Envelope.sign(statement, with: key),
            what: "the registration of \(file.path)",
            blobs: blobs.compactMap { $0 }
        )
        return (result.recordID, result.index, result.isNew)
    }

    /// Lower-case hex of exactly `length` digits, else nil.
    static func hex(_ text: String, length: Int) -> String? {
        let lower = text.lowercased()
        let isHex = lower.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        return lower.utf8.count == length && isHex ? lower : nil
    }

    static func stem(of fileName: String) -> String {
        ModelReference(name: fileName).stem ?? fileName
    }

    static func format(of file: ModelFile) -> String {
        if file.header != nil { return "safetensors" }
        let lower = file.fileName.lowercased()
        for (suffix, format) in [(".ckpt", "ckpt"), (".pt", "pt"), (".pth", "pt"), (".gguf", "gguf"), (".bin", "bin")]
        where lower.hasSuffix(suffix) {
            return format
        }
        return "other"
    }

    /// lora, locon, loha, lokr, dora or lycoris from kohya's network module and arguments.
    static func adapterKind(_ header: SafetensorsHeader?) -> String {
        guard let module = header?.value("ss_network_module") else { return "lora" }
        let arguments = header?.value("ss_network_args")?.lowercased() ?? ""
        if module.contains("lycoris") {
            for algorithm in ["loha", "lokr", "locon", "dora"] where arguments.contains("\"\(algorithm)\"") {
                return algorithm
            }
            return "lycoris"
        }
        if arguments.contains("dora") { return "dora" }
        return "lora"
    }
}
