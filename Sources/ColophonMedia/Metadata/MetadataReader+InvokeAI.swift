extension MetadataReader {
    /// InvokeAI 3.x–5.x `invokeai_metadata`: models are `{model_name}` (3.x) or
    /// `{key, hash: "blake3:…", name}` (4.x/5.x); LoRAs `{lora|model: {…}, weight}`.
    public static func parseInvokeAIMetadata(_ text: String) throws(MediaError) -> GenerationParameters {
        let json = try LooseJSON.parse(text)
        guard json.members != nil else { throw MediaError(.malformed, "invokeai_metadata: not a JSON object") }
        var result = GenerationParameters(generator: .invokeAI)
        result.generatorVersion = json["app_version"]?.string
        result.prompt = json["positive_prompt"]?.string
        result.negativePrompt = json["negative_prompt"]?.string
        result.seed = json["seed"]?.integerLiteral
        result.steps = json["steps"]?.integerLiteral.flatMap { Int($0) }
        result.cfgScale = json["cfg_scale"]?.double
        result.scheduler = json["scheduler"]?.string
        result.width = json["width"]?.integerLiteral.flatMap { Int($0) }
        result.height = json["height"]?.integerLiteral.flatMap { Int($0) }
        result.clipSkip = json["clip_skip"]?.integerLiteral.flatMap { Int($0) }
        result.model = json["model"].flatMap(invokeModel)
        result.vae = json["vae"].flatMap(invokeModel)
        for item in json["loras"]?.array ?? [] {
            guard var adapter = (item["model"] ?? item["lora"]).flatMap(invokeModel) else { continue }
            adapter.kind = "lora"
            adapter.weight = item["weight"]?.double
            result.adapters.append(adapter)
        }
        let mode = json["generation_mode"]?.string ?? ""
        result.isImageToImage = ["img2img", "inpaint", "outpaint", "canvas"].contains { mode.contains($0) }
        result.isInpainting = mode.contains("inpaint") || mode.contains("outpaint")
        if result.isImageToImage { result.denoisingStrength = json["strength"]?.double }
        for key in [
            "generation_mode", "rand_device", "cfg_rescale_multiplier", "positive_style_prompt",
            "negative_style_prompt",
        ] {
            if let value = json[key], let text = value.string ?? value.integerLiteral ?? value.double.map({ "\($0)" }) {
                result.settings.append(.init(key: key, value: text))
            }
        }
        return result
    }

    static func invokeModel(_ json: LooseJSON) -> ModelReference? {
        guard let name = json["name"]?.string ?? json["model_name"]?.string else { return nil }
        return ModelReference(name: name, hash: json["hash"]?.string.flatMap { HashClaim($0, algorithms: [.blake3]) })
    }

    /// InvokeAI 2.x `sd-metadata`: `model_weights`, full SHA-256 `model_hash`, `image{…}`.
    public static func parseInvokeAILegacy(_ text: String) throws(MediaError) -> GenerationParameters {
        let json = try LooseJSON.parse(text)
        guard json.members != nil else { throw MediaError(.malformed, "sd-metadata: not a JSON object") }
        var result = GenerationParameters(generator: .invokeAI)
        result.generatorVersion = json["app_version"]?.string
        if let weights = json["model_weights"]?.string {
            result.model = ModelReference(
                name: weights,
                hash: json["model_hash"]?.string.flatMap { HashClaim($0, algorithms: [.sha256]) }
            )
        }
        guard let image = json["image"] else { return result }
        let prompts =
            image["prompt"]?.array?.compactMap { $0["prompt"]?.string } ?? image["prompt"]?.string.map { [$0] } ?? []
        if !prompts.isEmpty { result.prompt = prompts.joined(separator: "\n") }
        result.seed = image["seed"]?.integerLiteral
        result.steps = image["steps"]?.integerLiteral.flatMap { Int($0) }
        result.cfgScale = image["cfg_scale"]?.double
        result.sampler = image["sampler"]?.string
        result.width = image["width"]?.integerLiteral.flatMap { Int($0) }
        result.height = image["height"]?.integerLiteral.flatMap { Int($0) }
        if let type = image["type"]?.string {
            result.settings.append(.init(key: "type", value: type))
            result.isImageToImage = type == "img2img" || type == "inpaint"
            result.isInpainting = type == "inpaint"
            if result.isImageToImage { result.denoisingStrength = image["strength"]?.double }
        }
        return result
    }

    /// InvokeAI 2.x `Dream`: `"prompt" -s steps -S seed -W w -H h -C cfg -A sampler …`.
    public static func parseDream(_ text: String) -> GenerationParameters {
        var result = GenerationParameters(generator: .invokeAI)
        var rest = Substring(text.trimmingWhitespace)
        if rest.first == "\"", let close = rest.dropFirst().lastIndex(of: "\"") {
            result.prompt = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
        }
        let words = rest.splitASCII(" ")
        var index = 0
        while index < words.count {
            let flag = words[index]
            let value = index + 1 < words.count ? words[index + 1] : nil
            switch flag {
            case "-s": result.steps = value.flatMap { Int($0) }
            case "-S": result.seed = value.flatMap { LooseJSON.string($0).integerLiteral }
            case "-W": result.width = value.flatMap { Int($0) }
            case "-H": result.height = value.flatMap { Int($0) }
            case "-C": result.cfgScale = value.flatMap { Double($0) }
            case "-A": result.sampler = value
            case "-f":
                result.denoisingStrength = value.flatMap { Double($0) }
                result.isImageToImage = true
            default:
                index += 1
                continue
            }
            index += 2
        }
        return result
    }
}
