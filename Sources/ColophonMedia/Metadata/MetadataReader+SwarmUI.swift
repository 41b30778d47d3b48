extension MetadataReader {
    /// SwarmUI: `parameters` is JSON with `sui_image_params` (prompt, negativeprompt, model,
    /// seed, steps, cfgscale, width, height, sampler, scheduler, loras with loraweights,
    /// swarm_version) and `sui_models` (each used file with its `param` and hash).
    public static func parseSwarmUI(_ json: LooseJSON) -> GenerationParameters {
        var result = GenerationParameters(generator: .swarmUI)
        guard let params = json["sui_image_params"] else { return result }
        result.generatorVersion = params["swarm_version"]?.string
        result.prompt = params["prompt"]?.string
        result.negativePrompt = params["negativeprompt"]?.string
        result.seed = params["seed"]?.integerLiteral
        result.steps = params["steps"]?.integerLiteral.flatMap { Int($0) }
        result.cfgScale = params["cfgscale"]?.double
        result.sampler = params["sampler"]?.string
        result.scheduler = params["scheduler"]?.string
        result.width = params["width"]?.integerLiteral.flatMap { Int($0) }
        result.height = params["height"]?.integerLiteral.flatMap { Int($0) }
        result.clipSkip = params["clipstopatlayer"]?.integerLiteral.flatMap { Int($0) }.flatMap {
            Int(exactly: $0.magnitude)
        }
        if let strength = params["initimagecreativity"]?.double {
            result.isImageToImage = true
            result.denoisingStrength = strength
        }
        // Each used file's hash by parameter and file stem, read once.
        var hashes: [String: String] = [:]
        for entry in (json["sui_models"]?.array ?? []).prefix(1024) {
            guard let param = entry["param"]?.string, let stem = ModelReference(name: entry["name"]?.string).stem,
                let hash = entry["hash"]?.string
            else { continue }
            hashes[param + "\u{0}" + stem] = hashes[param + "\u{0}" + stem] ?? hash
        }
        func hash(of name: String, param: String) -> HashClaim? {
            guard let stem = ModelReference(name: name).stem, var text = hashes[param + "\u{0}" + stem] else {
                return nil
            }
            if text.hasPrefix("0x") { text = String(text.dropFirst(2)) }
            return HashClaim(text, algorithms: [.sha256, .autoV3])
        }
        if let model = params["model"]?.string {
            result.model = ModelReference(name: model, hash: hash(of: model, param: "model"))
        }
        let weights = params["loraweights"]?.array ?? []
        for (offset, lora) in (params["loras"]?.array ?? []).prefix(256).enumerated() {
            guard let name = lora.string else { continue }
            result.adapters.append(
                ModelReference(
                    name: name,
                    hash: hash(of: name, param: "loras"),
                    kind: "lora",
                    weight: offset < weights.count ? weights[offset].double : nil
                )
            )
        }
        for member in params.members ?? [] {
            guard
                ![
                    "prompt", "negativeprompt", "model", "seed", "steps", "cfgscale", "sampler", "scheduler", "width",
                    "height", "loras", "loraweights", "swarm_version",
                ].contains(member.key),
                let text = member.value.string ?? member.value.integerLiteral ?? member.value.double.map({ "\($0)" })
            else { continue }
            result.settings.append(.init(key: member.key, value: text))
        }
        return result
    }
}
