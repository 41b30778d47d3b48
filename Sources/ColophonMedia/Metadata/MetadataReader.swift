/// Reads what generators write into images — A1111, Forge, SD.Next, ComfyUI, InvokeAI,
/// NovelAI, Fooocus, SwarmUI — from PNG text chunks, EXIF (JPEG, WebP, PNG `eXIf`) and, when the
/// decoded pixels are given, the stealth copy in their low bits.
public enum MetadataReader {
    /// Text fields longer than this are kept in `raw` but not parsed.
    public static let maxFieldBytes = 16 << 20

    public static func read(_ file: ImageFile, image: DecodedImage? = nil) -> MetadataReport {
        var report = MetadataReport()
        var fields: [GenerationParameters.Setting] = []
        for text in file.texts(problems: &report.problems) {
            fields.append(.init(key: text.keyword, value: text.text))
        }
        if let exifBytes = file.exifBytes {
            do {
                let exif = try ExifData(bytes: exifBytes)
                if let comment = exif.tag(ExifTag.userComment) {
                    fields.append(
                        .init(
                            key: "EXIF UserComment",
                            value: UserComment.decode(comment.value, bigEndian: exif.bigEndian)
                        )
                    )
                }
                for (tag, name) in [
                    (ExifTag.model, "EXIF Model"), (ExifTag.make, "EXIF Make"),
                    (ExifTag.imageDescription, "EXIF ImageDescription"),
                    (ExifTag.software, "EXIF Software"), (ExifTag.makerNote, "EXIF MakerNote"),
                ] {
                    if let value = exif.string(tag) { fields.append(.init(key: name, value: value)) }
                }
            } catch {
                report.problems.append("EXIF: \(error.reason)")
            }
        }
        report.raw = fields.filter { $0.key != XMPPacket.pngKeyword }
        do {
            report.parameters = try parse(fields: report.raw)
        } catch {
            report.problems.append(error.reason)
        }
        if report.parameters == nil, let image, file.mediaType != .jpeg {
            do {
                if let text = try StealthInfo.read(image) {
                    report.raw.append(.init(key: "stealth", value: text))
                    report.parameters = try parseStealth(text)
                }
            } catch {
                report.problems.append(error.reason)
            }
        }
        if var parameters = report.parameters {
            parameters.raw = report.raw
            report.problems += parameters.warnings
            report.parameters = parameters
        }
        return report
    }

    /// Recognises the generator from the fields present and parses its format.
    public static func parse(fields: [GenerationParameters.Setting]) throws(MediaError) -> GenerationParameters? {
        func field(_ key: String) -> String? {
            guard let value = fields.first(where: { $0.key == key })?.value else { return nil }
            return value.utf8.count <= maxFieldBytes ? value : nil
        }
        if let oversized = fields.first(where: { $0.value.utf8.count > maxFieldBytes }) {
            throw MediaError(.tooLarge, "metadata field \(oversized.key) of \(oversized.value.utf8.count) bytes")
        }
        if let parameters = field("parameters") {
            if parameters.trimmingWhitespace.hasPrefix("{") {
                return try parseJSONParameters(parameters, scheme: field("fooocus_scheme"))
            }
            var result = parseInfotext(parameters)
            if field("fooocus_scheme") != nil { result.generator = .fooocus }
            if let graph = field("prompt"), result.generator == .comfyUI, result.adapters.isEmpty,
                let walked = try? parseComfyPrompt(graph)
            {
                result.adapters = walked.adapters
            }
            return result
        }
        if let graph = field("prompt") { return try parseComfyPrompt(graph) }
        if let model = field("EXIF Model"), model.hasPrefix("prompt:") {
            return try parseComfyPrompt(String(model.dropFirst(7)))
        }
        if let metadata = field("invokeai_metadata") { return try parseInvokeAIMetadata(metadata) }
        if let metadata = field("sd-metadata") { return try parseInvokeAILegacy(metadata) }
        if let dream = field("Dream") { return parseDream(dream) }
        if field("Software") == "NovelAI" || (field("Comment") != nil && field("Description") != nil) {
            return parseNovelAI(fields: fields)
        }
        if let comment = field("EXIF UserComment"), !comment.trimmingWhitespace.isEmpty {
            if comment.trimmingWhitespace.hasPrefix("{") {
                return try parseJSONParameters(comment, scheme: field("EXIF MakerNote"))
            }
            let result = parseInfotext(comment)
            return result.settings.isEmpty && result.steps == nil && result.seed == nil ? nil : result
        }
        return nil
    }

    /// `parameters` written as JSON: SwarmUI or Fooocus (its own scheme), else not a format
    /// Colophon reads.
    static func parseJSONParameters(_ text: String, scheme: String?) throws(MediaError) -> GenerationParameters {
        let json = try LooseJSON.parse(text)
        if json["sui_image_params"] != nil { return parseSwarmUI(json) }
        if scheme == "fooocus" || json["base_model"] != nil || json["version"]?.string?.hasPrefix("Fooocus") == true {
            return try parseFooocus(text)
        }
        throw MediaError(.unsupported, "parameters: JSON in a layout Colophon does not read")
    }

    /// Stealth text is an A1111 infotext or NovelAI's JSON of its text fields.
    static func parseStealth(_ text: String) throws(MediaError) -> GenerationParameters {
        if text.trimmingWhitespace.hasPrefix("{"), let members = try LooseJSON.parse(text).members {
            let fields = members.compactMap { member in
                (member.value.string ?? (member.value.members != nil ? nil : member.value.integerLiteral))
                    .map { GenerationParameters.Setting(key: member.key, value: $0) }
            }
            if let parsed = try parse(fields: fields) { return parsed }
            throw MediaError(.unsupported, "stealth metadata: JSON in a layout Colophon does not read")
        }
        return parseInfotext(text)
    }
}
