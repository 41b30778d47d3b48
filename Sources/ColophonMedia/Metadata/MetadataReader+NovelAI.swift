extension MetadataReader {
    /// NovelAI: `Description` (prompt), `Source` ("<model> <8-hex id>"), `Software`, and
    /// `Comment` JSON with `uc` (negative prompt), `steps`, `seed`, `scale`, `sampler`.
    public static func parseNovelAI(fields: [GenerationParameters.Setting]) -> GenerationParameters {
        func field(_ key: String) -> String? { fields.first { $0.key == key }?.value }
        var result = GenerationParameters(generator: .novelAI)
        result.prompt = field("Description")
        if let source = field("Source")?.trimmingWhitespace {
            let parts = source.splitASCII(" ")
            if let last = parts.last, last.count == 8, last.allSatisfy(\.isHexDigit) {
                result.model = ModelReference(
                    name: parts.dropLast().joined(separator: " "),
                    hash: HashClaim(String(last), algorithms: [.vendor])
                )
                result.generatorVersion = result.model?.name
            } else {
                result.model = ModelReference(name: source)
            }
        }
        guard let commentText = field("Comment") else {
            result.warnings.append("NovelAI: no Comment field")
            return result
        }
        guard let comment = try? LooseJSON.parse(commentText), comment.members != nil else {
            result.warnings.append("NovelAI: Comment is not a JSON object")
            return result
        }
        if result.prompt == nil { result.prompt = comment["prompt"]?.string }
        if let caption = comment["v4_prompt"]?["caption"]?["base_caption"]?.string, result.prompt == nil {
            result.prompt = caption
        }
        result.negativePrompt =
            comment["uc"]?.string ?? comment["v4_negative_prompt"]?["caption"]?["base_caption"]?.string
        result.seed = comment["seed"]?.integerLiteral
        result.steps = comment["steps"]?.integerLiteral.flatMap { Int($0) }
        result.cfgScale = comment["scale"]?.double
        result.sampler = comment["sampler"]?.string
        result.scheduler = comment["noise_schedule"]?.string
        result.width = comment["width"]?.integerLiteral.flatMap { Int($0) }
        result.height = comment["height"]?.integerLiteral.flatMap { Int($0) }
        for key in ["strength", "noise", "request_type", "cfg_rescale", "uncond_scale"] {
            if let value = comment[key],
                let text = value.string ?? value.integerLiteral ?? value.double.map({ "\($0)" })
            {
                result.settings.append(.init(key: key, value: text))
            }
        }
        if let type = comment["request_type"]?.string, type.lowercased().contains("img2img") {
            result.isImageToImage = true
            result.denoisingStrength = comment["strength"]?.double
        }
        return result
    }
}
