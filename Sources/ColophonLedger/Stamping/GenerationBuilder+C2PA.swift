import ColophonCrypto
import ColophonMedia
import ColophonRecords

extension GenerationBuilder {
    /// Takes what a validated manifest says where the metadata and the options said nothing,
    /// and makes the manifest the record's source.
    mutating func adopt(_ validation: C2PAValidation, blob: String, requireGeneration: Bool) throws {
        let facts = C2PAGeneration(manifest: validation.manifest)
        guard facts.isGenerated else {
            let declared = facts.digitalSourceType ?? "no digital source type"
            if requireGeneration {
                throw LedgerError(
                    .badInput,
                    "the C2PA manifest declares \(declared), not an image a trained model generated; nothing was recorded"
                )
            }
            notes.append("the C2PA manifest declares \(declared), not generation; not used")
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
