/// What a generator wrote into an image about how it was made, in one shape whatever the
/// generator: prompt, sampler settings, base model and every LoRA at its weight, plus the raw
/// fields it came from and anything that could not be read.
public struct GenerationParameters: Hashable, Sendable {
    public var generator: GeneratorKind
    public var generatorVersion: String?
    public var prompt: String?
    public var negativePrompt: String?
    /// Kept as written: ComfyUI and Fooocus seeds exceed 2^53.
    public var seed: String?
    public var steps: Int?
    public var sampler: String?
    public var scheduler: String?
    public var cfgScale: Double?
    public var width: Int?
    public var height: Int?
    public var denoisingStrength: Double?
    public var clipSkip: Int?
    public var model: ModelReference?
    public var vae: ModelReference?
    /// Adapters in the order the generator applied them.
    public var adapters: [ModelReference]
    /// The image started from another image (img2img), so the result is a composite.
    public var isImageToImage: Bool
    /// Only a masked region was generated.
    public var isInpainting: Bool
    /// Further settings under the generator's own names, in written order.
    public var settings: [Setting]
    /// The fields the parameters were read from (text chunks, EXIF tags), verbatim.
    public var raw: [Setting]
    /// What was present but could not be read, e.g. a ComfyUI link to a missing node.
    public var warnings: [String]

    /// A named value.
    public struct Setting: Hashable, Sendable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    public init(generator: GeneratorKind) {
        self.generator = generator
        self.adapters = []
        self.isImageToImage = false
        self.isInpainting = false
        self.settings = []
        self.raw = []
        self.warnings = []
    }

    /// The first setting with this key.
    public func setting(_ key: String) -> String? {
        settings.first { $0.key == key }?.value
    }

    /// Sets width and height from `WxH`.
    mutating func setSize(_ text: String) {
        let parts = text.lowercased().splitASCII("x").map { $0.trimmingWhitespace }
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]) else { return }
        self.width = width
        self.height = height
    }
}
