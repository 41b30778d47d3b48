/// What made an image — model, adapters at their weights, prompt, settings and inputs — plus
/// the disclosure fields the EU AI Act Art. 50, California SB 942 and China GB 45438 ask for.
public struct GenerationPredicate: Predicate, Hashable {
    public static let predicateType = PredicateType.generation

    /// Origin: the axis platforms classify by, independent of later human edits.
    public enum OriginClass: String, Codable, Hashable, Sendable {
        case aiGenerated = "ai_generated"
        case aiModified = "ai_modified"
        case human = "human"
    }

    /// A name with an optional version (system, generator, provider).
    public struct NamedVersion: Codable, Hashable, Sendable {
        public var name: String
        public var version: String?

        public init(name: String, version: String? = nil) {
            self.name = name
            self.version = version
        }
    }

    /// The covered provider / content producer.
    public struct Provider: Codable, Hashable, Sendable {
        public var legalName: String?
        public var code: String?

        public init(legalName: String? = nil, code: String? = nil) {
            self.legalName = legalName
            self.code = code
        }
    }

    /// The base model as the generator named it, and as resolved in the ledger.
    public struct ModelUse: Codable, Hashable, Sendable {
        public var name: String?
        public var hash: String?
        public var hashes: FileHashes?
        public var record: String?

        public init(name: String? = nil, hash: String? = nil, hashes: FileHashes? = nil, record: String? = nil) {
            self.name = name
            self.hash = hash
            self.hashes = hashes
            self.record = record
        }
    }

    /// One adapter applied, at its weight.
    public struct AdapterUse: Codable, Hashable, Sendable {
        public var name: String
        public var kind: String?
        public var weight: Double?
        public var clipWeight: Double?
        public var hash: String?
        public var hashes: FileHashes?
        public var record: String?

        public init(name: String, weight: Double? = nil, hash: String? = nil) {
            self.name = name
            self.weight = weight
            self.hash = hash
        }
    }

    /// Sampler settings.
    public struct Parameters: Codable, Hashable, Sendable {
        public var seed: Int?
        public var steps: Int?
        public var sampler: String?
        public var scheduler: String?
        public var cfgScale: Double?
        public var width: Int?
        public var height: Int?
        public var denoisingStrength: Double?
        public var clipSkip: Int?
        public var vae: String?
        /// Further settings as the generator named them.
        public var other: [String: JSONValue]?

        public init() {}
    }

    /// An image that fed the generation.
    public struct Input: Codable, Hashable, Sendable {
        /// init_image, mask, reference, ip_adapter, or controlnet:<type>.
        public var role: String
        public var sha256: String
        public var strength: Double?
        public var record: String?

        public init(role: String, sha256: String, strength: Double? = nil, record: String? = nil) {
            self.role = role
            self.sha256 = sha256
            self.strength = strength
            self.record = record
        }
    }

    /// Ways to find the image again after metadata stripping or re-encoding.
    public struct Bindings: Codable, Hashable, Sendable {
        public var mediaType: String?
        public var width: Int?
        public var height: Int?
        public var pixelSha256: String?
        public var pdq: String?
        public var pdqQuality: Int?
        /// The invisible watermark the pixels carry.
        public var watermark: WatermarkBinding?

        public init() {}
    }

    /// A watermark the stamper put into the pixels: its scheme, the scheme's version and the id
    /// it carries (16 hexadecimal digits for `org.colophon.watermark.1`).
    public struct WatermarkBinding: Codable, Hashable, Sendable {
        public var algorithm: String
        public var version: Int
        public var id: String

        public init(algorithm: String, version: Int, id: String) {
            self.algorithm = algorithm
            self.version = version
            self.id = id
        }
    }

    /// GB 45438 implicit label values.
    public struct AIGCLabel: Codable, Hashable, Sendable {
        public var label: String
        public var contentProducer: String?
        public var produceId: String?
        public var reservedCode1: String?
        public var contentPropagator: String?
        public var propagateId: String?
        public var reservedCode2: String?

        public init(label: String) {
            self.label = label
        }
    }

    /// A watermark scheme and payload.
    public struct Watermark: Codable, Hashable, Sendable {
        public var scheme: String
        public var payload: String?

        public init(scheme: String, payload: String? = nil) {
            self.scheme = scheme
            self.payload = payload
        }
    }

    /// What was embedded in the file or rendered into it.
    public struct Markings: Codable, Hashable, Sendable {
        public var xmp: Bool?
        public var c2paManifestSha256: String?
        public var visibleLabel: Bool?
        public var watermark: Watermark?
        public var aigc: AIGCLabel?

        public init() {}
    }

    /// A platform that passed the content on.
    public struct Propagator: Codable, Hashable, Sendable {
        public var name: String?
        public var code: String?
        public var propagateId: String?

        public init(name: String? = nil, code: String? = nil, propagateId: String? = nil) {
            self.name = name
            self.code = code
            self.propagateId = propagateId
        }
    }

    /// Where the facts came from when not the generator itself.
    public struct Source: Codable, Hashable, Sendable {
        /// generator-metadata, c2pa, declared, other.
        public var kind: String
        public var blob: String?
        public var description: String?

        public init(kind: String, blob: String? = nil, description: String? = nil) {
            self.kind = kind
            self.blob = blob
            self.description = description
        }
    }

    /// The IPTC digital source type of text-to-image output.
    public static let trainedAlgorithmicMedia = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
    /// The IPTC type of a composite with generated parts (inpainting, img2img of a photo).
    public static let compositeWithTrainedAlgorithmicMedia =
        "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia"

    public var createdAt: Timestamp
    public var originClass: OriginClass
    public var digitalSourceType: String
    public var contentId: String?
    public var provider: Provider?
    public var system: NamedVersion?
    public var generator: NamedVersion?
    public var model: ModelUse?
    public var adapters: [AdapterUse]?
    public var prompt: MaybeCommitted?
    public var negativePrompt: MaybeCommitted?
    public var parameters: Parameters?
    public var inputs: [Input]?
    public var bindings: Bindings?
    public var rawMetadataBlob: String?
    public var markings: Markings?
    public var propagator: Propagator?
    public var operator_: MaybeCommitted?
    public var dataClass: String?
    public var source: Source?

    private enum CodingKeys: String, CodingKey {
        case createdAt, originClass, digitalSourceType, contentId, provider, system, generator, model, adapters
        case prompt, negativePrompt, parameters, inputs, bindings, rawMetadataBlob, markings, propagator
        case operator_ = "operator"
        case dataClass, source
    }

    public init(
        createdAt: Timestamp = .now,
        originClass: OriginClass = .aiGenerated,
        digitalSourceType: String = GenerationPredicate.trainedAlgorithmicMedia
    ) {
        self.createdAt = createdAt
        self.originClass = originClass
        self.digitalSourceType = digitalSourceType
    }
}
