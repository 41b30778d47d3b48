extension MetadataReader {
    /// Fooocus's own scheme: sorted JSON with `base_model`, `base_model_hash` (10 hex of the
    /// file's SHA-256), `loras: [[stem, weight, hash10]]`, `resolution: "(w, h)"` and a string
    /// seed.
    public static func parseFooocus(_ text: String) throws(MediaError) -> GenerationParameters {
        let json = try LooseJSON.parse(text)
        guard json.members != nil else { throw MediaError(.malformed, "Fooocus parameters: not a JSON object") }
        var result = GenerationParameters(generator: .fooocus)
        result.generatorVersion = json["version"]?.string
        result.prompt = json["prompt"]?.string
        result.negativePrompt = json["negative_prompt"]?.string
        result.seed = json["seed"]?.integerLiteral
        result.steps = json["steps"]?.integerLiteral.flatMap { Int($0) }
        result.cfgScale = json["guidance_scale"]?.double
        result.sampler = json["sampler"]?.string
        result.scheduler = json["scheduler"]?.string
        result.clipSkip = json["clip_skip"]?.integerLiteral.flatMap { Int($0) }
        if let resolution = json["resolution"]?.string {
            let numbers = resolution.filter { $0 != "(" && $0 != ")" && $0 != " " }.splitASCII(",")
            if numbers.count == 2, let width = Int(numbers[0]), let height = Int(numbers[1]) {
                result.width = width
                result.height = height
            }
        }
        if let name = json["base_model"]?.string {
            result.model = ModelReference(
                name: name,
                hash: json["base_model_hash"]?.string.flatMap { HashClaim($0, algorithms: [.sha256]) }
            )
        }
        if let vae = json["vae"]?.string, vae != "Default (model)" { result.vae = ModelReference(name: vae) }
        for item in json["loras"]?.array ?? [] {
            guard let parts = item.array, let name = parts.first?.string else { continue }
            result.adapters.append(
                ModelReference(
                    name: name,
                    hash: parts.count > 2 ? parts[2].string.flatMap { HashClaim($0, algorithms: [.sha256]) } : nil,
                    kind: "lora",
                    weight: parts.count > 1 ? parts[1].double : nil
                )
            )
        }
        for key in [
            "performance", "styles", "sharpness", "adm_guidance", "refiner_model", "refiner_switch", "prompt_expansion",
            "metadata_scheme",
        ] {
            if let value = json[key], let text = value.string ?? value.integerLiteral ?? value.double.map({ "\($0)" }) {
                result.settings.append(.init(key: key, value: text))
            }
        }
        return result
    }
}
