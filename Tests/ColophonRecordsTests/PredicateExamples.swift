import ColophonRecords

/// One fully populated statement of every Colophon predicate type. Their canonical bytes are
/// committed under `Schemas/examples/valid/`, where the Python cross-check validates them with
/// `jsonschema`; a test keeps the two identical.
enum PredicateExamples {
    static let time = Timestamp("2026-11-29T10:00:00Z")!
    static let hexA = String(repeating: "a", count: 64)
    static let hexB = String(repeating: "b", count: 64)
    static let hexC = String(repeating: "c", count: 64)
    static let record1 = "sha256:" + String(repeating: "1", count: 64)
    static let record2 = "sha256:" + String(repeating: "2", count: 64)
    static let blob = "sha256:" + String(repeating: "e", count: 64)
    static let publicKeyPEM =
        "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n"

    static func all() throws -> [(name: String, statement: Statement)] {
        [
            (
                "model",
                try Statement(subjects: [Subject(name: "sd_xl_base_1.0.safetensors", sha256: hexA)], predicate: model)
            ),
            (
                "adapter",
                try Statement(subjects: [Subject(name: "painterly.safetensors", sha256: hexB)], predicate: adapter)
            ),
            ("generation", try Statement(subjects: [Subject(name: "00001.png", sha256: hexC)], predicate: generation)),
            (
                "contribution",
                try Statement(subjects: [Subject(name: "page-3.png", sha256: hexC)], predicate: contribution)
            ),
            ("work", try Statement(subjects: [Subject(name: "page-1.png", sha256: hexA)], predicate: work)),
            ("consent", try Statement(subjects: [Subject(name: "key:artist", sha256: hexB)], predicate: consent)),
            (
                "attribution",
                try Statement(subjects: [Subject(name: "painterly.safetensors", sha256: hexB)], predicate: attribution)
            ),
            ("key", try Statement(subjects: [Subject(name: "key:studio", sha256: hexA)], predicate: key)),
            (
                "correction",
                try Statement(
                    subjects: [Subject(name: "record", sha256: String(repeating: "1", count: 64))],
                    predicate: correction
                )
            ),
            ("custody", try Statement(subjects: [Subject(name: "bundle.zip", sha256: hexC)], predicate: custody)),
        ]
    }

    static var model: ModelPredicate {
        var model = ModelPredicate(
            createdAt: time,
            name: "SDXL base",
            hashes: FileHashes(sha256: hexA, autov1: "be9edd61", autov2: "31e35c80fc", autov3: hexB, blake3: hexC)
        )
        model.version = "1.0"
        model.publisher = Party(name: "Stability AI")
        model.architecture = "sdxl"
        model.license = "CreativeML Open RAIL++-M"
        model.fileName = "sd_xl_base_1.0.safetensors"
        model.sizeBytes = 6_938_078_334
        model.format = "safetensors"
        model.headerBlob = blob
        model.trainingDataStatement = .init(url: "https://example.org/sdxl/data")
        model.source = PublicationSource(platform: "huggingface", url: "https://huggingface.co/stabilityai")
        return model
    }

    static var adapter: AdapterPredicate {
        var adapter = AdapterPredicate(
            createdAt: time,
            name: "painterly",
            kind: "lora",
            hashes: FileHashes(sha256: hexB, autov3: hexC)
        )
        adapter.fileName = "painterly.safetensors"
        adapter.sizeBytes = 1_322_436
        adapter.format = "safetensors"
        adapter.baseModel = .init(name: "sd_xl_base_1.0", record: record1)
        adapter.trainer = Party(name: "someone")
        adapter.purpose = "style"
        adapter.triggerWords = ["painterly style"]
        adapter.emulates = ["Greg Rutkowski"]
        var training = AdapterPredicate.Training()
        training.outputName = "painterly"
        training.networkModule = "networks.lora"
        training.networkDim = 32
        training.networkAlpha = 16
        training.imageCount = 412
        training.datasetFolders = [.init(name: "10_greg rutkowski", imageCount: 412, repeats: 10)]
        training.topTags = [.init(tag: "greg rutkowski", count: 412), .init(tag: "fantasy", count: 301)]
        adapter.training = training
        adapter.headerBlob = blob
        return adapter
    }

    static var generation: GenerationPredicate {
        var generation = GenerationPredicate(createdAt: time)
        generation.contentId = "studio-000001"
        generation.provider = .init(legalName: "Example Studio Ltd", code: "EX-001")
        generation.system = .init(name: "Example Diffusion", version: "2.1")
        generation.generator = .init(name: "AUTOMATIC1111", version: "v1.10.1")
        generation.model = .init(name: "sd_xl_base_1.0", hash: "31e35c80fc", record: record1)
        var lora = GenerationPredicate.AdapterUse(name: "painterly", weight: 0.8, hash: "73323f360729")
        lora.record = record2
        generation.adapters = [lora]
        generation.prompt = .clear("a castle at dawn, <lora:painterly:0.8>")
        generation.negativePrompt = .committed(blob)
        var parameters = GenerationPredicate.Parameters()
        parameters.seed = 1_234_567_890
        parameters.steps = 30
        parameters.sampler = "DPM++ 2M"
        parameters.scheduler = "Karras"
        parameters.cfgScale = 7
        parameters.width = 1024
        parameters.height = 1024
        parameters.other = ["Hires upscale": .number(2), "ADetailer": .bool(true)]
        generation.parameters = parameters
        generation.inputs = [.init(role: "controlnet:canny", sha256: hexA, strength: 0.6)]
        var bindings = GenerationPredicate.Bindings()
        bindings.mediaType = "image/png"
        bindings.width = 1024
        bindings.height = 1024
        bindings.pixelSha256 = hexB
        bindings.pdq = hexC
        bindings.pdqQuality = 100
        generation.bindings = bindings
        generation.rawMetadataBlob = blob
        var markings = GenerationPredicate.Markings()
        markings.xmp = true
        markings.visibleLabel = false
        var aigc = GenerationPredicate.AIGCLabel(label: "1")
        aigc.contentProducer = "EX-001"
        aigc.produceId = "studio-000001"
        markings.aigc = aigc
        generation.markings = markings
        generation.operator_ = .committed(blob)
        generation.dataClass = "system_provenance"
        generation.source = .init(kind: "generator-metadata")
        return generation
    }

    static var contribution: ContributionPredicate {
        var contribution = ContributionPredicate(
            createdAt: time,
            contributor: Party(name: "Kris Kashtanova", role: "author"),
            category: .modificationOfAIOutput,
            attestation: "I redrew the face and hands in panel 2 by hand."
        )
        contribution.target = .init(workRecord: record1, workId: "zarya", page: 3, panel: "p3-2", element: "p3-2-art")
        contribution.region = .polygon([[10, 10], [200, 10], [200, 300]])
        contribution.before = DigestRef(sha256: hexA, record: record2)
        contribution.after = DigestRef(sha256: hexC)
        contribution.tools = [ToolUse(name: "Krita", version: "5.2", generative: false)]
        contribution.timeSpan = TimeSpan(
            start: Timestamp("2026-11-28T09:00:00Z")!,
            end: Timestamp("2026-11-28T11:30:00+01:00")!
        )
        contribution.evidence = [EvidenceRef(blob: blob, mediaType: "image/openraster", description: "layered file")]
        contribution.extent = "extensive"
        return contribution
    }

    static var work: WorkPredicate {
        var element = WorkPredicate.Element(id: "p1-1-art", kind: "panel_art", origin: "mixed")
        element.panel = "p1-1"
        element.box = Box(x: 0, y: 0, width: 800, height: 600)
        element.zOrder = 1
        element.humanModification = "extensive"
        element.sha256 = hexC
        element.generationRecords = [record1]
        element.contributionRecords = [record2]
        var balloon = WorkPredicate.Element(id: "p1-1-b1", kind: "balloon", origin: "human")
        balloon.panel = "p1-1"
        balloon.box = Box(x: 40, y: 30, width: 200, height: 90.5)
        balloon.readingOrder = 1
        balloon.textSha256 = hexB
        var page = WorkPredicate.Page(number: 1, sha256: hexA)
        page.fileName = "001.png"
        page.width = 1600
        page.height = 2400
        page.elements = [element, balloon]
        var work = WorkPredicate(
            createdAt: time,
            workId: "zarya",
            version: 2,
            title: "Zarya of the Dawn",
            pages: [page]
        )
        work.supersedesRecord = record1
        work.series = "Zarya"
        work.number = "1"
        work.language = "en"
        work.creators = [Party(name: "Kris Kashtanova", role: "writer")]
        work.publisher = Party(name: "Example Comics")
        work.contributionRecords = [record2]
        return work
    }

    static var consent: ConsentPredicate {
        var consent = ConsentPredicate(
            createdAt: time,
            artist: .init(
                name: "Greg Rutkowski",
                aliases: ["greg rutkowski", "rutkowski"],
                profiles: ["https://www.artstation.com/rutkowski"]
            ),
            declarations: [.init(scope: .styleEmulation, status: .refused), .init(scope: .training, status: .refused)]
        )
        consent.worksCovered = .init(all: true)
        consent.effectiveFrom = Timestamp("2022-11-24T00:00:00Z")
        consent.supersedesRecord = record1
        return consent
    }

    static var attribution: AttributionPredicate {
        var attribution = AttributionPredicate(
            createdAt: time,
            adapter: .init(record: record2, name: "painterly", sha256: hexB),
            artist: .init(name: "Greg Rutkowski", consentRecord: record1),
            basis: .trainingMetadata,
            confidence: 0.9
        )
        attribution.evidence = "dataset folder '10_greg rutkowski' (412 images)"
        attribution.assertedBy = Party(name: "colophon", role: "ledger")
        return attribution
    }

    static var key: KeyPredicate {
        var key = KeyPredicate(createdAt: time, action: .rotate, keyId: hexA)
        key.name = "studio"
        key.role = .generator
        key.algorithm = "ed25519"
        key.publicKey = publicKeyPEM
        key.owner = Party(name: "Example Studio Ltd")
        key.previousKeyId = hexB
        return key
    }

    static var correction: CorrectionPredicate {
        var correction = CorrectionPredicate(
            createdAt: time,
            action: .supersede,
            targetRecord: record1,
            reason: "wrong seed recorded"
        )
        correction.replacementRecord = record2
        correction.status = "resolved"
        return correction
    }

    static var custody: CustodyPredicate {
        var custody = CustodyPredicate(createdAt: time, action: .export, actor: Party(name: "Auditor", keyId: hexA))
        custody.authority = "audit request 2026-17"
        custody.scope = .init(records: [record1, record2])
        custody.package = .init(name: "bundle.zip", sha256: hexC, sizeBytes: 1024)
        custody.tool = .init(name: "colophon", version: "0.1.0")
        return custody
    }
}
