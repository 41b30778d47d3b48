public import ColophonMedia
public import ColophonRecords

extension C2PAManifestDefinition {
    /// The manifest for a generation record: the `c2pa.created` action with the record's
    /// digital source type and generator; the base model and each LoRA as `inputTo`
    /// ingredients (name, hash, weight, record); the prompt when the record states it in the
    /// clear; the seed; and `org.colophon.record` naming the record and where it is logged.
    public init(
        generation: GenerationPredicate,
        recordID: RecordID,
        logOrigin: String,
        logIndex: UInt64,
        title: String,
        claimGenerator: String,
        claimGeneratorVersion: String?
    ) {
        var ingredients: [C2PAIngredient] = []
        if let model = generation.model {
            ingredients.append(
                C2PAIngredient(
                    title: model.name ?? model.hash ?? "base model",
                    dataTypes: ["c2pa.types.generator"],
                    description: Self.describe(
                        "base model",
                        sha256: model.hashes?.sha256 ?? model.hash,
                        record: model.record
                    )
                )
            )
        }
        for adapter in generation.adapters ?? [] {
            let kind = adapter.kind.map { $0 == "lora" ? "LoRA" : $0 } ?? "adapter"
            ingredients.append(
                C2PAIngredient(
                    title: adapter.name,
                    dataTypes: ["c2pa.types.model"],
                    description: Self.describe(
                        kind + (adapter.weight.map { " at weight \($0)" } ?? ""),
                        sha256: adapter.hashes?.sha256 ?? adapter.hash,
                        record: adapter.record
                    )
                )
            )
        }
        if case .clear(let prompt)? = generation.prompt {
            ingredients.append(
                C2PAIngredient(
                    title: "prompt",
                    format: "text/plain",
                    dataTypes: ["c2pa.types.generator.prompt"],
                    description: prompt
                )
            )
        }
        var parameters: [CBOR.Pair] = []
        if let seed = generation.parameters?.seed {
            parameters.append(.init(.text("org.colophon.seed"), .int(Int64(seed))))
        }
        if let steps = generation.parameters?.steps {
            parameters.append(.init(.text("org.colophon.steps"), .int(Int64(steps))))
        }
        if let sampler = generation.parameters?.sampler {
            parameters.append(.init(.text("org.colophon.sampler"), .text(sampler)))
        }
        if let scale = generation.parameters?.cfgScale, scale.isFinite {
            parameters.append(.init(.text("org.colophon.cfg_scale"), .float(scale)))
        }
        var record: [CBOR.Pair] = [
            .init(.text("record_id"), .text(recordID.description)),
            .init(.text("log_origin"), .text(logOrigin)),
            .init(.text("log_index"), .unsigned(logIndex)),
        ]
        if let contentID = generation.contentId { record.append(.init(.text("content_id"), .text(contentID))) }
        self.init(
            title: title,
            generatorName: claimGenerator,
            generatorVersion: claimGeneratorVersion,
            digitalSourceType: generation.digitalSourceType,
            softwareAgent: generation.generator?.name,
            softwareAgentVersion: generation.generator?.version,
            parameters: parameters,
            ingredients: ingredients,
            assertions: [(label: Self.recordLabel, content: .map(record))]
        )
        if let mark = generation.bindings?.watermark, let id = UInt64(mark.id, radix: 16) {
            watermark = (mark.algorithm, (0..<8).map { UInt8(truncatingIfNeeded: id >> (56 - 8 * UInt64($0))) })
        }
    }

    /// "LoRA at weight 0.8; sha256 ab…; Colophon record sha256:…": readable, and parsed back
    /// by ``C2PAGeneration``.
    static func describe(_ what: String, sha256: String?, record: String?) -> String {
        var parts = [what]
        if let sha256 { parts.append("sha256 \(sha256)") }
        if let record { parts.append("Colophon record \(record)") }
        return parts.joined(separator: "; ")
    }
}
