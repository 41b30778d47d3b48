public import ColophonLedger
public import ColophonMedia
import ColophonRecords
import ColophonStorage
import ColophonWatermark
import Foundation

/// What `verify IMAGE` prints: the verdict, how it was reached, and the provenance the record
/// gives — model, LoRAs, prompt, settings, signer.
public struct ImageReport: Codable, Sendable {
    public struct Credential: Codable, Sendable {
        public var recordId: String?
        public var logOrigin: String?
        public var logIndex: UInt64?
        public var digitalSourceType: String
        public var provider: String?
        public var contentId: String?
    }

    public struct Provenance: Codable, Sendable {
        public var generator: String?
        public var digitalSourceType: String
        public var model: String?
        public var modelHash: String?
        public var modelRecord: String?
        public var adapters: [StampReport.Adapter]
        public var prompt: String?
        public var negativePrompt: String?
        public var seed: String?
        public var steps: Int?
        public var sampler: String?
        public var cfgScale: Double?
        public var size: String?
        public var createdAt: String
    }

    /// The image's C2PA manifest as validated: the state c2pa validators report and why.
    public struct C2PA: Codable, Sendable {
        public var state: String
        public var manifest: String
        public var claimGenerator: String?
        public var signer: String?
        public var issuer: String?
        public var timestamp: String?
        public var failures: [C2PAValidation.Status]
        public var informational: [C2PAValidation.Status]

        public init(_ validation: C2PAValidation) {
            state = validation.state.rawValue
            manifest = validation.manifest.label
            claimGenerator = C2PAGeneration(manifest: validation.manifest).claimGenerator
            signer = validation.signer
            issuer = validation.issuer
            timestamp = validation.timestamp.map { Timestamp($0).text }
            failures = validation.failure
            informational = validation.informational
        }

        var lines: [String] {
            var lines = ["  c2pa       \(state): \(manifest)" + (signer.map { ", signed by \($0)" } ?? "")]
            if let timestamp { lines.append("  c2pa       time-stamped \(timestamp)") }
            lines += failures.map { "  c2pa fail  \($0.code): \($0.explanation)" }
            return lines
        }
    }

    public struct Candidate: Codable, Sendable {
        public var recordId: String
        public var index: UInt64
        public var distance: Int
    }

    /// One layer's finding (``LayerFinding``).
    public struct Layer: Codable, Sendable {
        public var layer: String
        public var outcome: String
        public var records: [String]
        public var detail: String?
    }

    public var path: String
    public var verdict: String
    public var method: String
    /// The layer that found the record (the same as `method`).
    public var matchedBy: String
    /// What every layer said, strongest first.
    public var layers: [Layer]
    /// The watermark read from the pixels.
    public var watermarkId: String?
    public var recordId: String?
    public var index: UInt64?
    public var status: String?
    public var distance: Int?
    public var provedAgainstSize: UInt64?
    public var fileSha256: String
    public var pixelSha256: String?
    public var webpBitstreamSha256: String?
    public var pdq: String?
    public var pdqQuality: Int?
    public var credential: Credential?
    public var provenance: Provenance?
    public var signatures: [SignatureReport]?
    public var candidates: [Candidate]
    public var consent: [ConsentFindingReport]
    public var contributions: [ComicReport.Contribution]
    public var c2pa: C2PA?
    public var problems: [String]
    public var notes: [String]

    public init(path: String, _ result: ImageVerification) {
        self.path = path
        verdict = result.verdict.rawValue
        method = result.method.rawValue
        matchedBy = result.method.rawValue
        layers = result.layers.map {
            Layer(
                layer: $0.layer.rawValue,
                outcome: $0.outcome.rawValue,
                records: $0.records.map(\.description),
                detail: $0.detail
            )
        }
        watermarkId = result.watermark?.detection.id?.description
        recordId = result.record?.recordID.description
        index = result.record?.entry.index
        status = result.record?.status
        distance = result.distance
        provedAgainstSize = result.provedAgainst
        fileSha256 = result.fileSHA256
        pixelSha256 = result.pixelSHA256
        webpBitstreamSha256 = result.webpBitstream
        pdq = result.pdq?.hex
        pdqQuality = result.pdq?.quality
        credential = result.credential.map {
            Credential(
                recordId: $0.recordID,
                logOrigin: $0.logOrigin,
                logIndex: $0.logIndex,
                digitalSourceType: $0.digitalSourceType,
                provider: $0.provider,
                contentId: $0.contentID
            )
        }
        if let generation = result.generation {
            let parameters = generation.parameters
            provenance = Provenance(
                generator: generation.generator.map { [$0.name, $0.version].compactMap { $0 }.joined(separator: " ") },
                digitalSourceType: generation.digitalSourceType,
                model: generation.model?.name,
                modelHash: generation.model?.hash,
                modelRecord: generation.model?.record,
                adapters: (generation.adapters ?? []).map {
                    StampReport.Adapter(name: $0.name, weight: $0.weight, hash: $0.hash, record: $0.record)
                },
                prompt: generation.prompt?.clearText,
                negativePrompt: generation.negativePrompt?.clearText,
                seed: parameters?.seed.map(String.init) ?? Self.integer(parameters?.other?["seed"]?.stringValue),
                steps: parameters?.steps,
                sampler: parameters?.sampler,
                cfgScale: parameters?.cfgScale,
                size: parameters?.width.flatMap { width in parameters?.height.map { "\(width)x\($0)" } },
                createdAt: generation.createdAt.text
            )
        }
        signatures = result.record.map { $0.verdict.signatures.map(SignatureReport.init) }
        candidates = result.candidates.map {
            Candidate(recordId: $0.recordID.description, index: $0.index, distance: $0.distance)
        }
        consent = result.consent.map(ConsentFindingReport.init)
        contributions = result.contributions.map(ComicReport.Contribution.init)
        c2pa = result.c2pa.map(C2PA.init)
        problems = result.problems
        notes = result.notes
    }

    /// A seed kept as text (beyond 2^53) when it is an integer.
    public static func integer(_ text: String?) -> String? {
        guard let text else { return nil }
        let digits = text.hasPrefix("-") ? text.utf8.dropFirst() : text.utf8[...]
        return !digits.isEmpty && digits.allSatisfy({ (0x30...0x39).contains($0) }) ? text : nil
    }

    public var text: String {
        var lines: [String] = []
        switch verdict {
        case "verified": lines.append("VERIFIED  \(path): its embedded credential checks out")
        case "matches-record":
            lines.append("MATCHES RECORD  \(path): found by its \(method.replacingOccurrences(of: "-", with: " "))")
        case "similar-to" where method == "watermark":
            lines.append("SIMILAR TO  \(path): carries the watermark of a stamped image (\(watermarkId ?? "?"))")
        case "similar-to": lines.append("SIMILAR TO  \(path): a stamped image at PDQ distance \(distance ?? 0)")
        case "tampered": lines.append("TAMPERED  \(path): its credential does not hold")
        default: lines.append("UNKNOWN  \(path): no record of this image")
        }
        if let recordId, let index {
            lines.append("  record     \(recordId) (entry \(index)\(status.map { ", \($0)" } ?? ""))")
        }
        if let provedAgainstSize {
            lines.append("  log        included in the checkpoint of size \(provedAgainstSize)")
        }
        if let provenance {
            if let generator = provenance.generator { lines.append("  generator  \(generator)") }
            if let model = provenance.model ?? provenance.modelHash {
                lines.append("  model      \(model)\(provenance.modelRecord == nil ? " (not registered)" : "")")
            }
            for adapter in provenance.adapters {
                lines.append(
                    "  lora       \(adapter.name)\(adapter.weight.map { " @ \($0)" } ?? "")\(adapter.record == nil ? " (not registered)" : "")"
                )
            }
            if let prompt = provenance.prompt {
                lines.append("  prompt     \(prompt.replacingOccurrences(of: "\n", with: " "))")
            }
            if let negative = provenance.negativePrompt { lines.append("  negative   \(negative)") }
            let settings = [
                provenance.seed.map { "seed \($0)" }, provenance.steps.map { "\($0) steps" }, provenance.sampler,
                provenance.cfgScale.map { "CFG \($0)" }, provenance.size,
            ].compactMap { $0 }
            if !settings.isEmpty { lines.append("  settings   \(settings.joined(separator: ", "))") }
        }
        lines += (signatures ?? []).map(\.line)
        lines += c2pa?.lines ?? []
        lines += ConsentFindingReport.lines(consent).map { "  \($0.label): \($0.text)" }
        lines += contributions.map { "  human: \($0.category) by \($0.author) (\($0.recordId))" }
        lines.append(
            "  layers     "
                + layers.map { "\($0.layer) \($0.outcome)\($0.detail.map { " (\($0))" } ?? "")" }.joined(
                    separator: "; "
                )
        )
        lines += problems.map { "  problem: \($0)" }
        lines += notes.map { "  note: \($0)" }
        return lines.joined(separator: "\n")
    }
}
