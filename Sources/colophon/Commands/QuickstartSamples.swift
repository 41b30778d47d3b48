import ColophonCrypto
import ColophonRecords
import Foundation

/// The quickstart's sample records: a base model, a style LoRA, a generated panel, an artist's
/// refusal, the author's hand work and the comic page.
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

    func consent() throws -> Statement {
        let consent = ConsentPredicate(
            artist: .init(name: "Greg Rutkowski", aliases: ["greg rutkowski", "rutkowski"]),
            declarations: [.init(scope: .styleEmulation, status: .refused), .init(scope: .training, status: .refused)]
        )
        return try Statement(
            subjects: [Subject(name: "artist:greg-rutkowski", sha256: SHA256.hash(utf8: "Greg Rutkowski").hex)],
            predicate: consent
        )
    }

    func attribution(lora: RecordID, consent: RecordID) throws -> Statement {
        var attribution = AttributionPredicate(
            adapter: .init(record: lora.description, name: "painterly", sha256: loraDigest),
            artist: .init(name: "Greg Rutkowski", consentRecord: consent.description),
            basis: .trainingMetadata,
            confidence: 0.95
        )
        attribution.evidence = "dataset folder '10_greg rutkowski' (412 images); declared --emulates"
        return try Statement(
            subjects: [Subject(name: "painterly.safetensors", sha256: loraDigest)],
            predicate: attribution
        )
    }

    func lettering(panel: RecordID) throws -> Statement {
        var contribution = ContributionPredicate(
            contributor: Party(name: "Kris Kashtanova", role: "author"),
            category: .lettering,
            attestation: "I wrote and lettered the dialogue of page 1 by hand."
        )
        contribution.target = .init(workId: "lighthouse", page: 1, element: "p1-b1")
        contribution.region = .box(Box(x: 40, y: 30, width: 300, height: 120))
        contribution.tools = [ToolUse(name: "Clip Studio Paint", version: "3.0", generative: false)]
        let script = SHA256.hash(utf8: "sample script").hex
        return try Statement(subjects: [Subject(name: "page-1-lettering.png", sha256: script)], predicate: contribution)
    }

    func redraw(panel: RecordID) throws -> Statement {
        var contribution = ContributionPredicate(
            contributor: Party(name: "Kris Kashtanova", role: "author"),
            category: .modificationOfAIOutput,
            attestation: "I redrew the keeper's face and hands in panel 1 by hand."
        )
        contribution.target = .init(workId: "lighthouse", page: 1, panel: "p1-1")
        contribution.before = DigestRef(sha256: panelDigest(seed: 1_234_567_890), record: panel.description)
        let after = SHA256.hash(utf8: "sample panel art, redrawn").hex
        contribution.after = DigestRef(sha256: after)
        contribution.extent = "extensive"
        contribution.tools = [ToolUse(name: "Krita", version: "5.2", generative: false)]
        return try Statement(subjects: [Subject(name: "panel-1-redrawn.png", sha256: after)], predicate: contribution)
    }

    func work(panel: RecordID, contributions: [RecordID]) throws -> Statement {
        let pageDigest = SHA256.hash(utf8: "sample page 1").hex
        var art = WorkPredicate.Element(id: "p1-1-art", kind: "panel_art", origin: "mixed")
        art.panel = "p1-1"
        art.box = Box(x: 0, y: 0, width: 1600, height: 1200)
        art.humanModification = "extensive"
        art.generationRecords = [panel.description]
        art.contributionRecords = [contributions[1].description]
        var balloon = WorkPredicate.Element(id: "p1-b1", kind: "balloon", origin: "human")
        balloon.panel = "p1-1"
        balloon.box = Box(x: 40, y: 30, width: 300, height: 120)
        balloon.contributionRecords = [contributions[0].description]
        var page = WorkPredicate.Page(number: 1, sha256: pageDigest)
        page.elements = [art, balloon]
        var work = WorkPredicate(workId: "lighthouse", title: "The Lighthouse Keeper", pages: [page])
        work.creators = [Party(name: "Kris Kashtanova", role: "writer, letterer")]
        work.publisher = Party(name: "Example Comics")
        return try Statement(subjects: [Subject(name: "page-1.png", sha256: pageDigest)], predicate: work)
    }
}
