extension MetadataReader {
    /// Keys whose presence means the denoising strength belongs to a hires pass of a
    /// text-to-image run rather than to img2img.
    static let hiresKeys: Set<String> = [
        "Hires upscale", "Hires steps", "Hires upscaler", "Hires resize", "Hires sampler",
    ]

    /// Settings that become fields of ``GenerationParameters`` rather than `settings`.
    static let infotextFields: Set<String> = [
        "Steps", "Sampler", "Schedule type", "CFG scale", "Seed", "Size", "Model hash", "Model", "VAE hash", "VAE",
        "Denoising strength", "Clip skip", "Version", "App", "Lora hashes", "LoRA networks", "LoRA hashes",
        "Hashes", "Lora weights",
    ]

    /// Reads A1111, Forge, SD.Next, Fooocus (a1111 scheme) and ComfyUI-Image-Saver infotext.
    public static func parseInfotext(_ text: String) -> GenerationParameters {
        let parsed = InfotextParser().parse(text)
        let version = parsed.value("Version")
        let generator = infotextGenerator(version: version, app: parsed.value("App"))
        var result = GenerationParameters(generator: generator)
        result.generatorVersion = version
        result.prompt = parsed.prompt
        result.negativePrompt = parsed.negativePrompt
        if let seed = parsed.value("Seed"), let literal = LooseJSON.string(seed.trimmingWhitespace).integerLiteral {
            result.seed = literal
        }
        result.steps = parsed.value("Steps").flatMap { Int($0.trimmingWhitespace) }
        result.sampler = parsed.value("Sampler")
        result.scheduler = parsed.value("Schedule type")
        result.cfgScale = parsed.value("CFG scale").flatMap { Double($0.trimmingWhitespace) }
        if let size = parsed.value("Size") { result.setSize(size) }
        result.denoisingStrength = parsed.value("Denoising strength").flatMap { Double($0.trimmingWhitespace) }
        result.clipSkip = parsed.value("Clip skip").flatMap { Int($0.trimmingWhitespace) }
        for (key, value) in parsed.settings where !infotextFields.contains(key) {
            result.settings.append(.init(key: key, value: value))
        }

        let modelAlgorithms = modelHashAlgorithms(generator: generator, version: version)
        let hashes = parsed.value("Hashes").flatMap { try? LooseJSON.parse($0) }
        let modelHash = parsed.value("Model hash") ?? hashes?["model"]?.string
        if parsed.value("Model") != nil || modelHash != nil {
            result.model = ModelReference(
                name: parsed.value("Model"),
                hash: modelHash.flatMap { HashClaim($0, algorithms: modelAlgorithms(hexLength($0))) }
            )
        }
        if parsed.value("VAE") != nil || parsed.value("VAE hash") != nil {
            result.vae = ModelReference(
                name: parsed.value("VAE"),
                hash: parsed.value("VAE hash").flatMap { HashClaim($0, algorithms: modelAlgorithms(hexLength($0))) }
            )
        }
        result.adapters = infotextAdapters(parsed, hashes: hashes, generator: generator, version: version)

        let keys = Set(parsed.settings.map(\.key))
        if parsed.value("Mask blur") != nil || keys.contains("Inpaint area") {
            result.isInpainting = true
            result.isImageToImage = true
        } else if result.denoisingStrength != nil, keys.isDisjoint(with: hiresKeys) {
            result.isImageToImage = true
        }
        return result
    }

    static func infotextGenerator(version: String?, app: String?) -> GeneratorKind {
        if app == "SD.Next" { return .sdNext }
        guard let version else { return .automatic1111 }
        if version.hasPrefix("Fooocus") { return .fooocus }
        if version.hasPrefix("ComfyUI") { return .comfyUI }
        if version.first == "f", version.dropFirst().first?.isNumber == true { return .forge }
        return .automatic1111
    }

    static func hexLength(_ text: String) -> Int {
        text.trimmingWhitespace.count
    }

    /// What a model hash of a given length means for this generator.
    static func modelHashAlgorithms(generator: GeneratorKind, version: String?) -> (Int) -> [ModelHashAlgorithm] {
        { length in
            switch generator {
            case .forge: return [.sha256, .nameSHA256]
            case .sdNext: return [.sha256, .autoV1]
            default: return length == 8 ? [.autoV1, .sha256] : [.sha256]
            }
        }
    }

    /// What a LoRA hash means for this generator (§1.5, §1.6 of the formats digest): A1111 takes
    /// the addnet hash (or the kohya `sshs_model_hash`, the same value); Forge 2 took a hash of the
    /// file name for half a year, then the full file; SD.Next takes whichever it cached.
    static func loraHashAlgorithms(generator: GeneratorKind) -> [ModelHashAlgorithm] {
        switch generator {
        case .forge: [.autoV3, .sha256, .nameSHA256]
        case .sdNext: [.autoV3, .sha256]
        case .fooocus: [.sha256]
        default: [.autoV3, .sha256]
        }
    }

    static func infotextAdapters(
        _ parsed: InfotextParser.Result,
        hashes: LooseJSON?,
        generator: GeneratorKind,
        version: String?
    ) -> [ModelReference] {
        let algorithms = loraHashAlgorithms(generator: generator)
        var adapters: [ModelReference] = []
        for tag in ExtraNetworkTag.all(in: parsed.prompt) {
            let kind: String
            switch tag.kind {
            case "lora", "lyco": kind = "lora"
            case "hypernet": kind = "hypernetwork"
            default: continue
            }
            guard !adapters.contains(where: { $0.name == tag.name && $0.kind == kind }) else { continue }
            adapters.append(
                ModelReference(name: tag.name, kind: kind, weight: tag.unetWeight, clipWeight: tag.textEncoderWeight)
            )
        }
        func attach(name: String, hash: String) {
            let claim = HashClaim(hash, algorithms: algorithms)
            let stripped = name.filter { $0 != ":" && $0 != "," }
            if let index = adapters.firstIndex(where: {
                $0.kind == "lora" && $0.hash == nil && ($0.name ?? "").filter({ $0 != ":" && $0 != "," }) == stripped
            }) {
                adapters[index].hash = claim
            } else {
                adapters.append(ModelReference(name: name, hash: claim, kind: "lora"))
            }
        }
        if let list = parsed.value("Lora hashes") {
            for item in list.splitASCII(",") {
                let pair = item.splitASCII(":", maxSplits: 1).map { $0.trimmingWhitespace }
                if pair.count == 2 { attach(name: pair[0], hash: pair[1]) }
            }
        }
        if let networks = parsed.value("LoRA networks") {
            let names = networks.splitASCII(",").map { $0.trimmingWhitespace }
            let hashList = (parsed.value("LoRA hashes") ?? "").splitASCII(",").map { $0.trimmingWhitespace }
            for (offset, name) in names.enumerated() {
                if offset < hashList.count, !hashList[offset].isEmpty {
                    attach(name: name, hash: hashList[offset])
                } else if !adapters.contains(where: { $0.name == name }) {
                    adapters.append(ModelReference(name: name, kind: "lora"))
                }
            }
        }
        for member in hashes?.members ?? [] where member.key.hasPrefix("lora:") || member.key.hasPrefix("lyco:") {
            if let hash = member.value.string { attach(name: String(member.key.dropFirst(5)), hash: hash) }
        }
        if let weights = parsed.value("Lora weights") {
            for item in weights.splitASCII(",") {
                let pair = item.splitASCII(":", maxSplits: 1).map { $0.trimmingWhitespace }
                guard pair.count == 2, let weight = Double(pair[1]) else { continue }
                if let index = adapters.firstIndex(where: { $0.name == pair[0] }) {
                    adapters[index].weight = weight
                } else {
                    adapters.append(ModelReference(name: pair[0], kind: "lora", weight: weight))
                }
            }
        }
        adapters += addNetAdapters(parsed)
        return adapters
    }

    /// The sd-webui-additional-networks extension's `AddNet Model 1: name(hash)` settings.
    static func addNetAdapters(_ parsed: InfotextParser.Result) -> [ModelReference] {
        var adapters: [ModelReference] = []
        var index = 1
        while let model = parsed.value("AddNet Model \(index)") {
            var name = model.trimmingWhitespace
            var hash: HashClaim?
            if name.hasSuffix(")"), let open = name.lastIndex(of: "(") {
                hash = HashClaim(
                    String(name[name.index(after: open)..<name.index(before: name.endIndex)]),
                    algorithms: [.autoV3]
                )
                name = String(name[..<open]).trimmingWhitespace
            }
            let weightA = parsed.value("AddNet Weight A \(index)").flatMap { Double($0.trimmingWhitespace) }
            let weightB = parsed.value("AddNet Weight B \(index)").flatMap { Double($0.trimmingWhitespace) }
            let module = parsed.value("AddNet Module \(index)")?.lowercased() ?? "lora"
            adapters.append(
                ModelReference(
                    name: name,
                    hash: hash,
                    kind: module == "lora" ? "lora" : module,
                    weight: weightA ?? parsed.value("AddNet Weight \(index)").flatMap { Double($0.trimmingWhitespace) },
                    clipWeight: weightB
                )
            )
            index += 1
        }
        return adapters
    }
}
