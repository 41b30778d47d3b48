import ColophonRecords
import Foundation

/// What a manifest says about how an image was generated, read from its actions and
/// ingredients: the digital source type of its `c2pa.created` action, the software agent,
/// the base model and adapters (`inputTo` ingredients), the prompt and the seed.
public struct C2PAGeneration: Hashable, Sendable {
    /// A model or adapter ingredient.
    public struct Input: Hashable, Sendable {
        public var title: String
        public var description: String?
        /// A weight the description states (`weight 0.8`), as Colophon writes it.
        public var weight: Double?
        /// A SHA-256 the description states (`sha256 ab…`).
        public var sha256: String?
    }

    public var digitalSourceType: String?
    public var softwareAgent: String?
    public var softwareAgentVersion: String?
    public var claimGenerator: String?
    public var claimGeneratorVersion: String?
    public var model: Input?
    public var adapters: [Input] = []
    public var prompt: String?
    public var seed: Int?
    /// The Colophon record the manifest names, when Colophon wrote it.
    public var recordID: String?
    public var logOrigin: String?
    public var logIndex: UInt64?

    /// The IPTC source types that say a trained model made, or helped make, the image: what a
    /// generation record can state.
    public static let generativeSourceTypes: Set<String> = [
        C2PAManifestDefinition.trainedAlgorithmicMedia, C2PAManifestDefinition.compositeWithTrainedAlgorithmicMedia,
    ]

    /// Whether the source type says a trained model generated (or took part in generating) the image.
    public var isGenerated: Bool {
        digitalSourceType.map(Self.generativeSourceTypes.contains) ?? false
    }

    /// Whether the source type is a composite with generated parts.
    public var isComposite: Bool {
        digitalSourceType == C2PAManifestDefinition.compositeWithTrainedAlgorithmicMedia
    }

    /// Reads the facts of `manifest`, from the assertions its claim vouches for only.
    public init(manifest unfiltered: C2PAManifest) {
        let manifest = unfiltered.signedAssertionsOnly
        let info = manifest.claim["claim_generator_info"]
        let generator = info?.arrayValue?.first ?? info
        claimGenerator = generator?["name"]?.textValue ?? manifest.claim["claim_generator"]?.textValue
        claimGeneratorVersion = generator?["version"]?.textValue
        let actionsLabel = manifest.labels(of: "c2pa.actions.v2").first ?? manifest.labels(of: "c2pa.actions").first
        let actions = actionsLabel.flatMap { manifest.cbor($0)?["actions"]?.arrayValue } ?? []
        if let created = actions.first(where: { $0["action"]?.textValue == "c2pa.created" }) {
            digitalSourceType = created["digitalSourceType"]?.textValue
            if let agent = created["softwareAgent"] {
                softwareAgent = agent.textValue ?? agent["name"]?.textValue
                softwareAgentVersion = agent["version"]?.textValue
            }
            if case .map(let pairs) = created["parameters"] ?? .null {
                for pair in pairs {
                    guard let key = pair.key.textValue, key == "seed" || key.hasSuffix(".seed") else { continue }
                    seed = pair.value.intValue.flatMap { Int(exactly: $0) }
                }
            }
        }
        for label in manifest.labels(of: "c2pa.ingredient.v3") + manifest.labels(of: "c2pa.ingredient.v2")
            + manifest.labels(of: "c2pa.ingredient")
        {
            guard let content = manifest.cbor(label), let ingredient = C2PAIngredient(cbor: content),
                ingredient.relationship == "inputTo"
            else { continue }
            let types = Set(ingredient.dataTypes)
            if types.contains("c2pa.types.generator.prompt") {
                prompt = ingredient.description ?? Self.embeddedText(content, manifest: manifest)
                continue
            }
            let input = Input(
                title: ingredient.title,
                description: ingredient.description,
                weight: ingredient.description.flatMap { Self.number(after: "weight ", in: $0) },
                sha256: ingredient.description.flatMap { Self.word(after: "sha256 ", in: $0) }
            )
            if types.contains("c2pa.types.generator"), model == nil {
                model = input
            } else if types.contains("c2pa.types.model") || types.contains("c2pa.types.model.pytorch")
                || types.contains("c2pa.types.generator")
            {
                adapters.append(input)
            }
        }
        if let record = manifest.cbor(C2PAManifestDefinition.recordLabel) {
            recordID = record["record_id"]?.textValue
            logOrigin = record["log_origin"]?.textValue
            logIndex = record["log_index"]?.intValue.flatMap { UInt64(exactly: $0) }
        }
    }

    /// The text of the `c2pa.embedded-data` assertion an ingredient's `data` points at.
    static func embeddedText(_ ingredient: CBOR, manifest: C2PAManifest) -> String? {
        guard let url = ingredient["data"]?["url"]?.textValue, let box = manifest.assertion(url: url),
            let bytes = box.content("bidb"), bytes.count <= 64 * 1024
        else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    static func number(after marker: String, in text: String) -> Double? {
        word(after: marker, in: text).flatMap { Double($0) }.flatMap { $0.isFinite ? $0 : nil }
    }

    static func word(after marker: String, in text: String) -> String? {
        guard let range = text.range(of: marker) else { return nil }
        let word = text[range.upperBound...].prefix { !$0.isWhitespace && $0 != ";" && $0 != "," }
        return word.isEmpty ? nil : String(word)
    }
}
