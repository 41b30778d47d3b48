import ColophonCrypto
import ColophonMedia
import ColophonRecords
import Foundation

extension Stamper {
    /// The image's C2PA manifest, validated against the ledger's anchors; nil without one.
    ///
    /// - Throws: ``LedgerError`` `.badInput` for a store that cannot be read, `.invalid` for
    ///   one that does not validate: nothing is recorded from a manifest that fails.
    func readManifest(_ bytes: [UInt8], name: String) throws -> C2PAValidation? {
        guard (try? C2PAContainer(sniffing: bytes)) != nil else { return nil }
        let validation: C2PAValidation?
        do {
            validation = try C2PAValidator(anchors: c2paAnchors).validate(file: bytes)
        } catch {
            throw LedgerError(.badInput, "\(name): the C2PA manifest store cannot be read: \(error.reason)")
        }
        guard let validation else { return nil }
        guard validation.state != .invalid else {
            let reasons = validation.failure.map { "\($0.code): \($0.explanation)" }.joined(separator: "; ")
            throw LedgerError(
                .invalid,
                "\(name): the C2PA manifest does not validate (\(reasons)); nothing was recorded"
            )
        }
        return validation
    }

    /// Embeds a C2PA manifest for the record into `bytes`.
    func embedC2PA(
        _ bytes: [UInt8],
        signing: C2PASigning,
        generation: GenerationPredicate,
        recordID: RecordID,
        index: UInt64,
        name: String
    ) async throws -> C2PAEmbedder.Signed {
        let definition = C2PAManifestDefinition(
            generation: generation,
            recordID: recordID,
            logOrigin: ledger.configuration.origin,
            logIndex: index,
            title: name,
            claimGenerator: signing.claimGenerator,
            claimGeneratorVersion: signing.claimGeneratorVersion
        )
        var timestamper: (@Sendable ([UInt8]) async throws -> [UInt8])?
        if let authority = signing.timestampAuthority {
            timestamper = { bytes in
                try TimestampToken.token(fromResponse: try await authority.timestamp(SHA256.hash(bytes)).response)
            }
        }
        let embedder = C2PAEmbedder(definition: definition, signer: signing.signer, timestamper: timestamper)
        do {
            return try await embedder.sign(bytes)
        } catch let error as MediaError {
            throw LedgerError(.badInput, "\(name): cannot embed the C2PA manifest: \(error.reason)")
        }
    }
}

extension GenerationBuilder {
    /// Takes what a validated manifest says where the metadata and the options said nothing,
    /// and makes the manifest the record's source.
    mutating func adopt(_ validation: C2PAValidation, blob: String, requireGeneration: Bool) throws {
        let facts = C2PAGeneration(manifest: validation.manifest)
        guard facts.isGenerated else {
            let declared = facts.digitalSourceType ?? "no digital source type"
            if requireGeneration || report.parameters == nil {
                throw LedgerError(
                    .badInput,
                    "the C2PA manifest declares \(declared), not an image a model generated; nothing was recorded"
                )
            }
            notes.append("the C2PA manifest declares \(declared); the generator metadata was used")
            return
        }
        if let type = facts.digitalSourceType, report.parameters == nil {
            predicate.digitalSourceType = type
            predicate.originClass = facts.isComposite ? .aiModified : .aiGenerated
        }
        if predicate.generator == nil, let name = (facts.softwareAgent ?? facts.claimGenerator).flatMap(Self.name) {
            predicate.generator = .init(
                name: name,
                version: (facts.softwareAgent != nil ? facts.softwareAgentVersion : facts.claimGeneratorVersion)
                    .flatMap(Self.name)
            )
        }
        if predicate.model == nil, let model = facts.model {
            if let entry = catalog.resolve(argument: model.sha256 ?? model.title, type: .model)
                ?? catalog.resolve(argument: model.title, type: .model)
            {
                predicate.model = .init(name: entry.name, hashes: entry.hashes, record: entry.record.description)
            } else {
                predicate.model = .init(name: Self.name(model.title), hash: model.sha256)
                unresolved.append(model.title)
            }
        }
        if predicate.adapters?.isEmpty ?? true, !facts.adapters.isEmpty {
            predicate.adapters = facts.adapters.prefix(256).map { input in
                var use = GenerationPredicate.AdapterUse(
                    name: Self.name(input.title) ?? "unnamed",
                    weight: input.weight
                )
                if input.description?.hasPrefix("LoRA") == true { use.kind = "lora" }
                if let entry = catalog.resolve(argument: input.sha256 ?? input.title, type: .adapter)
                    ?? catalog.resolve(argument: input.title, type: .adapter)
                {
                    use.name = entry.name
                    use.hashes = entry.hashes
                    use.record = entry.record.description
                } else {
                    use.hash = input.sha256
                    unresolved.append(input.title)
                }
                return use
            }
        }
        if predicate.prompt == nil, let prompt = facts.prompt {
            predicate.prompt = text(prompt, field: "prompt").map { .clear($0) }
        }
        if predicate.parameters?.seed == nil, let seed = facts.seed {
            var settings = predicate.parameters ?? .init()
            settings.seed = seed
            predicate.parameters = settings
        }
        var markings = predicate.markings ?? .init()
        markings.c2paManifestSha256 = SHA256.hash(validation.store.bytes).hex
        predicate.markings = markings
        manifestSource = Self.manifestSource(validation, blob: blob, facts: facts)
    }

    /// "C2PA manifest urn:c2pa:… (Trusted), signed by CN=… issued by CN=…".
    static func manifestSource(
        _ validation: C2PAValidation,
        blob: String,
        facts: C2PAGeneration
    ) -> GenerationPredicate.Source {
        var parts = ["C2PA manifest \(validation.manifest.label) (\(validation.state.rawValue))"]
        if let signer = validation.signer {
            parts.append("signed by \(signer)" + (validation.issuer.map { " issued by \($0)" } ?? ""))
        }
        if validation.state == .valid { parts.append("signer not trusted by any configured anchor") }
        if let generator = facts.claimGenerator { parts.append("claim generator \(generator)") }
        if let time = validation.timestamp { parts.append("time-stamped \(time)") }
        return .init(kind: "c2pa", blob: blob, description: clipped(parts.joined(separator: "; ")))
    }
}
