/// A base model, VAE or adapter as the metadata names it: a file name or title, perhaps a
/// hash, and for adapters the weight it was applied at.
public struct ModelReference: Hashable, Sendable {
    /// The name as written: a file stem, a path relative to the generator's model folder, or a
    /// display title.
    public var name: String?
    public var hash: HashClaim?
    /// lora, lycoris, hypernetwork, embedding, or nil for a base model.
    public var kind: String?
    /// The strength on the diffusion model.
    public var weight: Double?
    /// The strength on the text encoder, when the generator sets it apart.
    public var clipWeight: Double?

    public init(
        name: String? = nil,
        hash: HashClaim? = nil,
        kind: String? = nil,
        weight: Double? = nil,
        clipWeight: Double? = nil
    ) {
        self.name = name
        self.hash = hash
        self.kind = kind
        self.weight = weight
        self.clipWeight = clipWeight
    }

    /// The name without folders or a model-file extension, for matching across generators.
    public var stem: String? {
        guard let name else { return nil }
        let base = name.splitASCII("/").last.flatMap { $0.splitASCII("\\").last } ?? name
        for suffix in [".safetensors", ".ckpt", ".pt", ".pth", ".bin", ".gguf", ".sft"]
        where base.lowercased().hasSuffix(suffix) {
            return String(base.dropLast(suffix.count))
        }
        return base
    }
}
