/// Registers a LoRA, LyCORIS, embedding or hypernetwork, with a summary of what its training
/// metadata says about the data it learnt from.
public struct AdapterPredicate: Predicate, Hashable {
    public static let predicateType = PredicateType.adapter

    /// The base model it was trained on, as far as known.
    public struct BaseModel: Codable, Hashable, Sendable {
        public var name: String?
        public var version: String?
        public var hashes: FileHashes?
        public var record: String?

        public init(name: String? = nil, version: String? = nil, hashes: FileHashes? = nil, record: String? = nil) {
            self.name = name
            self.version = version
            self.hashes = hashes
            self.record = record
        }
    }

    /// A kohya dataset folder ("10_greg rutkowski": 10 repeats of the images in it).
    public struct DatasetFolder: Codable, Hashable, Sendable {
        public var name: String
        public var imageCount: Int?
        public var repeats: Int?

        public init(name: String, imageCount: Int? = nil, repeats: Int? = nil) {
            self.name = name
            self.imageCount = imageCount
            self.repeats = repeats
        }
    }

    /// A caption tag and how many training images carried it.
    public struct TagCount: Codable, Hashable, Sendable {
        public var tag: String
        public var count: Int

        public init(tag: String, count: Int) {
            self.tag = tag
            self.count = count
        }
    }

    /// A summary of kohya `ss_*` and `modelspec.*` metadata.
    public struct Training: Codable, Hashable, Sendable {
        public var outputName: String?
        public var title: String?
        public var author: String?
        public var description: String?
        public var comment: String?
        public var license: String?
        public var architecture: String?
        public var networkModule: String?
        public var networkDim: Double?
        public var networkAlpha: Double?
        public var trainedAt: Timestamp?
        public var imageCount: Int?
        public var datasetFolders: [DatasetFolder]?
        public var topTags: [TagCount]?

        public init() {}
    }

    public var createdAt: Timestamp
    public var name: String
    /// lora, locon, loha, lokr, dora, lycoris, textual-inversion, hypernetwork, other.
    public var kind: String
    public var version: String?
    public var fileName: String?
    public var sizeBytes: Int?
    public var format: String?
    public var hashes: FileHashes
    public var baseModel: BaseModel?
    public var trainer: Party?
    public var purpose: String?
    public var triggerWords: [String]?
    public var emulates: [String]?
    public var training: Training?
    public var headerBlob: String?
    public var license: String?
    public var source: PublicationSource?
    public var description: String?

    public init(createdAt: Timestamp = .now, name: String, kind: String = "lora", hashes: FileHashes) {
        self.createdAt = createdAt
        self.name = name
        self.kind = kind
        self.hashes = hashes
    }
}
