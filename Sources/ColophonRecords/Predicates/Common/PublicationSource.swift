/// Where a model or adapter was published (e.g. Civitai model and version ids).
public struct PublicationSource: Codable, Hashable, Sendable {
    public var platform: String?
    public var modelId: String?
    public var versionId: String?
    public var url: String?

    public init(platform: String? = nil, modelId: String? = nil, versionId: String? = nil, url: String? = nil) {
        self.platform = platform
        self.modelId = modelId
        self.versionId = versionId
        self.url = url
    }
}
