public import ColophonRecords

/// What a Colophon C2PA manifest says: who made the claim, the `c2pa.created` action with its
/// digital source type, the ingredients it was made from, and further assertions (the
/// Colophon record reference). Every assertion is listed in `created_assertions`: the
/// signer — the generator that stamped the image — vouches for all of them.
public struct C2PAManifestDefinition: Sendable {
    public var title: String?
    public var generatorName: String
    public var generatorVersion: String?
    /// An IPTC digital source type URL.
    public var digitalSourceType: String
    /// The software that made the image (the generator), named in the action.
    public var softwareAgent: String?
    public var softwareAgentVersion: String?
    /// Extra action parameters (seed, sampler…), in order.
    public var parameters: [CBOR.Pair]
    public var ingredients: [C2PAIngredient]
    /// Further CBOR assertions, by label.
    public var assertions: [(label: String, content: CBOR)]
    /// An invisible watermark in the pixels: the manifest then records a `c2pa.watermarked`
    /// action and a `c2pa.soft-binding` assertion with the algorithm and the value it carries
    /// (C2PA 2.2 §18.10, §18.14.5).
    public var watermark: (algorithm: String, value: [UInt8])?

    /// The IPTC type for text-to-image output.
    public static let trainedAlgorithmicMedia =
        "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
    /// The IPTC type for images composited from generated and other parts.
    public static let compositeWithTrainedAlgorithmicMedia =
        "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia"
    /// The label of the assertion that ties a manifest to its Colophon record.
    public static let recordLabel = "org.colophon.record"
    /// The soft-binding assertion's label.
    public static let softBindingLabel = "c2pa.soft-binding"

    public init(
        title: String? = nil,
        generatorName: String,
        generatorVersion: String? = nil,
        digitalSourceType: String = trainedAlgorithmicMedia,
        softwareAgent: String? = nil,
        softwareAgentVersion: String? = nil,
        parameters: [CBOR.Pair] = [],
        ingredients: [C2PAIngredient] = [],
        assertions: [(label: String, content: CBOR)] = []
    ) {
        self.title = title
        self.generatorName = generatorName
        self.generatorVersion = generatorVersion
        self.digitalSourceType = digitalSourceType
        self.softwareAgent = softwareAgent
        self.softwareAgentVersion = softwareAgentVersion
        self.parameters = parameters
        self.ingredients = ingredients
        self.assertions = assertions
    }
}
