/// Registers a base model's weights file.
public struct ModelPredicate: Predicate, Hashable {
    public static let predicateType = PredicateType.model

    /// Where the publisher describes the training data.
    public struct TrainingDataStatement: Codable, Hashable, Sendable {
        public var url: String?
        public var blob: String?

        public init(url: String? = nil, blob: String? = nil) {
            self.url = url
            self.blob = blob
        }
    }

    public var createdAt: Timestamp
    public var name: String
    public var version: String?
    public var publisher: Party?
    public var architecture: String?
    public var license: String?
    public var releaseDate: Timestamp?
    public var fileName: String?
    public var sizeBytes: Int?
    public var format: String?
    public var hashes: FileHashes
    public var headerBlob: String?
    public var trainingDataStatement: TrainingDataStatement?
    public var source: PublicationSource?
    public var description: String?

    public init(createdAt: Timestamp = .now, name: String, hashes: FileHashes) {
        self.createdAt = createdAt
        self.name = name
        self.hashes = hashes
    }
}
