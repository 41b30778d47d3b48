import ColophonCrypto
import ColophonRecords
import Foundation

/// The quickstart's one hand-written record: a generation with a wrong seed, which the story
/// then supersedes.
struct QuickstartSamples {
    let modelDigest = SHA256.hash(utf8: "sample SDXL weights").hex
    let loraDigest = SHA256.hash(utf8: "sample painterly LoRA weights").hex

    func panelDigest(seed: Int) -> String {
        SHA256.hash(utf8: "sample panel art, seed \(seed)").hex
    }

    func generation(model: RecordID, lora: RecordID, seed: Int) throws -> Statement {
        var generation = GenerationPredicate()
        generation.contentId = "quickstart-\(seed)"
        generation.provider = .init(legalName: "Example Studio Ltd", code: "EX-001")
        generation.system = .init(name: "Stable Diffusion XL", version: "1.0")
        generation.generator = .init(name: "AUTOMATIC1111", version: "v1.10.1")
        generation.model = .init(
            name: "sd_xl_base_1.0",
            hash: String(modelDigest.prefix(10)),
            record: model.description
        )
        var adapter = GenerationPredicate.AdapterUse(
            name: "painterly",
            weight: 0.8,
            hash: String(loraDigest.prefix(12))
        )
        adapter.record = lora.description
        generation.adapters = [adapter]
        generation.prompt = .clear("a lighthouse keeper at dawn, <lora:painterly:0.8>")
        var parameters = GenerationPredicate.Parameters()
        parameters.seed = seed
        parameters.steps = 30
        parameters.sampler = "DPM++ 2M"
        parameters.cfgScale = 7
        parameters.width = 1024
        parameters.height = 1024
        generation.parameters = parameters
        return try Statement(
            subjects: [Subject(name: "panel-1.png", sha256: panelDigest(seed: seed))],
            predicate: generation
        )
    }
}
