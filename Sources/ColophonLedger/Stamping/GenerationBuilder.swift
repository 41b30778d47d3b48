import ColophonMedia
import ColophonRecords
import Foundation

/// Builds a generation predicate from read metadata and explicit options, resolving every
/// model and adapter it names against the catalog and keeping the unknown ones by name and
/// hash. Fields are fitted to the schema's limits; the raw metadata blob keeps everything.
struct GenerationBuilder {
    static let maxName = 512
    static let maxText = 16_384

    let catalog: ModelCatalog
    let report: MetadataReport
    let options: StampOptions
    var predicate: GenerationPredicate
    var unresolved: [String] = []
    var notes: [String] = []
    /// Set when a validated C2PA manifest supplied facts: it becomes the record's source.
    var manifestSource: GenerationPredicate.Source?

    init(catalog: ModelCatalog, report: MetadataReport, options: StampOptions) {
        self.catalog = catalog
        self.report = report
        self.options = options
        let parameters = report.parameters
        let composite = parameters?.isImageToImage == true
        predicate = GenerationPredicate(
            originClass: composite ? .aiModified : .aiGenerated,
            digitalSourceType: composite
                ? GenerationPredicate.compositeWithTrainedAlgorithmicMedia : GenerationPredicate.trainedAlgorithmicMedia
        )
        if let parameters {
            predicate.generator = .init(
                name: parameters.generator.rawValue,
                version: parameters.generatorVersion.flatMap(Self.name)
            )
            fill(from: parameters)
        }
        applyOverrides()
        unresolved = []
        if let model = predicate.model, model.record == nil { unresolved.append(model.name ?? model.hash ?? "model") }
        for adapter in predicate.adapters ?? [] where adapter.record == nil { unresolved.append(adapter.name) }
    }

    mutating func fill(from parameters: GenerationParameters) {
        if let model = parameters.model { predicate.model = use(model) }
        let adapters = parameters.adapters.prefix(256).compactMap { adapter($0) }
        predicate.adapters = adapters.isEmpty ? nil : adapters
        predicate.prompt = text(parameters.prompt, field: "prompt").map { .clear($0) }
        predicate.negativePrompt = text(parameters.negativePrompt, field: "negative prompt").map { .clear($0) }
        var settings = GenerationPredicate.Parameters()
        if let seed = parameters.seed {
            if let value = Int(seed), value.magnitude <= 1 << 53 {
                settings.seed = value
            } else {
                settings.other = ["seed": .string(seed)]
            }
        }
        settings.steps = parameters.steps.flatMap { $0 >= 0 ? $0 : nil }
        settings.sampler = parameters.sampler.flatMap(Self.name)
        settings.scheduler = parameters.scheduler.flatMap(Self.name)
        settings.cfgScale = parameters.cfgScale.flatMap { $0.isFinite ? $0 : nil }
        settings.width = parameters.width.flatMap { $0 > 0 ? $0 : nil }
        settings.height = parameters.height.flatMap { $0 > 0 ? $0 : nil }
        settings.denoisingStrength = parameters.denoisingStrength.flatMap { (0...1).contains($0) ? $0 : nil }
        settings.clipSkip = parameters.clipSkip.flatMap { $0 >= 0 ? $0 : nil }
        settings.vae = parameters.vae?.name.flatMap(Self.name)
        var other = settings.other ?? [:]
        for setting in parameters.settings.prefix(500) where other[setting.key] == nil && !setting.key.isEmpty {
            other[setting.key] = .string(
                String(String.UnicodeScalarView(setting.value.unicodeScalars.prefix(Self.maxText)))
            )
        }
        settings.other = other.isEmpty ? nil : other
        predicate.parameters = settings == GenerationPredicate.Parameters() ? nil : settings
    }

    mutating func applyOverrides() {
        if let model = options.model, !model.isEmpty {
            if let entry = catalog.resolve(argument: model, type: .model) {
                predicate.model = .init(name: entry.name, hashes: entry.hashes, record: entry.record.description)
            } else {
                let isHex = (8...64).contains(model.count) && model.allSatisfy(\.isHexDigit)
                predicate.model = .init(name: isHex ? nil : Self.name(model), hash: isHex ? model.lowercased() : nil)
            }
        }
        if !options.loras.isEmpty {
            predicate.adapters = options.loras.map { reference, weight in
                if let entry = catalog.resolve(argument: reference, type: .adapter) {
                    var use = GenerationPredicate.AdapterUse(name: entry.name, weight: weight)
                    use.kind = "lora"
                    use.hashes = entry.hashes
                    use.record = entry.record.description
                    return use
                }
                var use = GenerationPredicate.AdapterUse(name: Self.name(reference) ?? "unnamed", weight: weight)
                use.kind = "lora"
                return use
            }
        }
        if let prompt = options.prompt { predicate.prompt = text(prompt, field: "prompt").map { .clear($0) } }
        if let negative = options.negativePrompt {
            predicate.negativePrompt = text(negative, field: "negative prompt").map { .clear($0) }
        }
        if let seed = options.seed {
            var settings = predicate.parameters ?? .init()
            if let value = Int(seed), value.magnitude <= 1 << 53 {
                settings.seed = value
                settings.other?["seed"] = nil
            } else {
                settings.seed = nil
                settings.other = (settings.other ?? [:]).merging(["seed": .string(seed)]) { $1 }
            }
            predicate.parameters = settings
        }
    }

    mutating func use(_ reference: ModelReference) -> GenerationPredicate.ModelUse? {
        let entry = catalog.resolve(reference, type: .model)
        let use = GenerationPredicate.ModelUse(
            name: reference.name.flatMap(Self.name) ?? entry?.name,
            hash: reference.hash?.value,
            hashes: entry?.hashes,
            record: entry?.record.description
        )
        return use == GenerationPredicate.ModelUse() ? nil : use
    }

    mutating func adapter(_ reference: ModelReference) -> GenerationPredicate.AdapterUse? {
        let entry = catalog.resolve(reference, type: .adapter)
        guard let name = reference.name.flatMap(Self.name) ?? entry?.name ?? reference.hash?.value else { return nil }
        var use = GenerationPredicate.AdapterUse(
            name: name,
            weight: reference.weight.flatMap { $0.isFinite ? $0 : nil }
        )
        use.kind = reference.kind.flatMap(Self.name)
        use.clipWeight = reference.clipWeight.flatMap { $0.isFinite ? $0 : nil }
        use.hash = reference.hash?.value
        use.hashes = entry?.hashes
        use.record = entry?.record.description
        return use
    }

    /// Bindings: how the image is found again without its metadata.
    mutating func bind(_ digests: ImageDigests) {
        var bindings = GenerationPredicate.Bindings()
        bindings.mediaType = digests.file.mediaType.rawValue
        bindings.width = digests.image?.width ?? digests.file.dimensions?.width
        bindings.height = digests.image?.height ?? digests.file.dimensions?.height
        bindings.pixelSha256 = digests.pixels
        bindings.pdq = digests.pdq?.hex
        bindings.pdqQuality = digests.pdq?.quality
        predicate.bindings = bindings
        if let undecoded = digests.undecoded {
            notes.append("pixels not decoded (\(undecoded)); bound by file and bitstream digests only")
        }
    }

    /// Says where the facts came from, and what could not be read.
    mutating func finishSource() {
        var problems = report.problems + notes
        if var source = manifestSource {
            if report.parameters != nil { problems.insert("generator metadata read too", at: 0) }
            source.description = Self.clipped(([source.description ?? ""] + problems).joined(separator: "; "))
            predicate.source = source
            return
        }
        if report.raw.isEmpty, report.parameters == nil {
            let description = (["no generator metadata in the image"] + problems).joined(separator: "; ")
            predicate.source = .init(kind: "declared", description: Self.clipped(description))
            return
        }
        if report.parameters == nil { problems.insert("metadata unreadable", at: 0) }
        var source = GenerationPredicate.Source(kind: "generator-metadata", blob: predicate.rawMetadataBlob)
        if !problems.isEmpty {
            source.description = String(
                String.UnicodeScalarView(problems.joined(separator: "; ").unicodeScalars.prefix(Self.maxText))
            )
        }
        predicate.source = source
    }

    /// The most a predicate may take, leaving room for the statement around it within the
    /// 48 KiB a statement may have (and the 64 KiB envelope that carries it in Base64).
    static let predicateBudget = 40_000

    /// Shrinks the predicate until it fits ``predicateBudget``, cutting what the raw metadata
    /// blob holds whole anyway, least important first, and saying so in the source.
    mutating func fitToBudget() {
        guard Self.encodedSize(predicate) > Self.predicateBudget else { return }
        let steps: [(String, (inout GenerationPredicate) -> Void)] = [
            ("settings", { $0.parameters?.other = nil }),
            (
                "negative prompt",
                { $0.negativePrompt = $0.negativePrompt?.clearText.map { .clear(Self.prefix($0, bytes: 4096)) } }
            ),
            ("prompt", { $0.prompt = $0.prompt?.clearText.map { .clear(Self.prefix($0, bytes: 8192)) } }),
            ("adapters", { $0.adapters = $0.adapters.map { Array($0.prefix(16)) } }),
            (
                "adapter names",
                { predicate in
                    predicate.adapters = predicate.adapters?.map { adapter in
                        var adapter = adapter
                        adapter.name = Self.prefix(adapter.name, bytes: 64)
                        if adapter.name.isEmpty { adapter.name = "unnamed" }
                        adapter.kind = adapter.kind.map { Self.prefix($0, bytes: 32) }.flatMap(Self.name)
                        return adapter
                    }
                }
            ),
            (
                "prompts",
                { predicate in
                    predicate.prompt = predicate.prompt?.clearText.map { .clear(Self.prefix($0, bytes: 1024)) }
                    predicate.negativePrompt = predicate.negativePrompt?.clearText.map {
                        .clear(Self.prefix($0, bytes: 512))
                    }
                }
            ),
            (
                "source description",
                { predicate in
                    let description = predicate.source?.description.map { Self.prefix($0, bytes: 256) }
                    predicate.source?.description = description
                }
            ),
            ("adapters", { $0.adapters = $0.adapters.map { Array($0.prefix(4)) } }),
            (
                "model name",
                { predicate in
                    let name = predicate.model?.name.map { Self.prefix($0, bytes: 64) }.flatMap(Self.name)
                    predicate.model?.name = name
                }
            ),
        ]
        let cuts = Self.shrink(&predicate, steps: steps)
        let note =
            "cut to fit a record: \(cuts.sorted().joined(separator: ", ")); the raw metadata blob holds all of it"
        let existing = predicate.source?.description.map { $0 + "; " } ?? ""
        predicate.source?.description = Self.clipped(existing + note)
        if Self.encodedSize(predicate) > Self.predicateBudget { predicate.source?.description = note }
    }

    /// The size of a value as canonical JSON.
    static func encodedSize(_ value: some Encodable) -> Int {
        (try? CanonicalJSON.encode(JSONValue(encoding: value)))?.count ?? .max
    }

    /// Runs named steps in order, each only while `value` is still over ``predicateBudget``;
    /// returns the names of the steps that ran.
    static func shrink<Value: Encodable>(_ value: inout Value, steps: [(String, (inout Value) -> Void)]) -> Set<String>
    {
        var ran: Set<String> = []
        for (name, step) in steps where encodedSize(value) > predicateBudget {
            step(&value)
            ran.insert(name)
        }
        return ran
    }

    /// The longest prefix of whole characters within `bytes` of UTF-8.
    static func prefix(_ text: String, bytes: Int) -> String {
        var count = 0
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            count += UTF8.width(scalar)
            guard count <= bytes else { break }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// Text within the schema's limit; the raw blob keeps the whole.
    mutating func text(_ value: String?, field: String) -> String? {
        guard let value else { return nil }
        let scalars = value.unicodeScalars
        guard scalars.count > Self.maxText else { return value }
        notes.append("\(field) cut to \(Self.maxText) characters; the raw metadata blob holds all of it")
        return String(String.UnicodeScalarView(scalars.prefix(Self.maxText)))
    }

    static func clipped(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(maxText)))
    }

    static func name(_ value: String) -> String? {
        guard !value.isEmpty else { return nil }
        let scalars = value.unicodeScalars
        return scalars.count <= maxName ? value : String(String.UnicodeScalarView(scalars.prefix(maxName)))
    }

    /// The raw fields as one JSON object, in file order.
    static func rawBlob(_ raw: [GenerationParameters.Setting]) -> [UInt8] {
        var object: [String: JSONValue] = [:]
        var duplicates: [String: Int] = [:]
        for field in raw {
            var key = field.key
            if object[key] != nil {
                duplicates[key, default: 1] += 1
                key += "#\(duplicates[key] ?? 2)"
            }
            object[key] = .string(field.value)
        }
        return (try? CanonicalJSON.encode(.object(object))) ?? Array("{}".utf8)
    }
}
