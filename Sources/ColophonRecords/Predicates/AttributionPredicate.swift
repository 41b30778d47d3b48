/// Links an adapter (or model) to an artist, with the basis for the link and a confidence.
public struct AttributionPredicate: Predicate, Hashable {
    public static let predicateType = PredicateType.attribution

    /// Why the adapter is linked to the artist, strongest first.
    public enum Basis: String, Codable, Hashable, Sendable, CaseIterable {
        case declared
        case trainingMetadata = "training_metadata"
        case promptText = "prompt_text"
        case triggerWord = "trigger_word"
        case datasetManifest = "dataset_manifest"
        case platformMetadata = "platform_metadata"
        case classifier
    }

    /// The adapter concerned.
    public struct AdapterRef: Codable, Hashable, Sendable {
        public var record: String
        public var name: String?
        public var sha256: String?

        public init(record: String, name: String? = nil, sha256: String? = nil) {
            self.record = record
            self.name = name
            self.sha256 = sha256
        }
    }

    /// The artist concerned.
    public struct ArtistRef: Codable, Hashable, Sendable {
        public var name: String
        public var consentRecord: String?

        public init(name: String, consentRecord: String? = nil) {
            self.name = name
            self.consentRecord = consentRecord
        }
    }

    /// For inferred links, the method, so its reliability can be weighed.
    public struct Method: Codable, Hashable, Sendable {
        public var name: String
        public var version: String
        public var threshold: Double?
        public var errorRate: Double?

        public init(name: String, version: String, threshold: Double? = nil, errorRate: Double? = nil) {
            self.name = name
            self.version = version
            self.threshold = threshold
            self.errorRate = errorRate
        }
    }

    public var createdAt: Timestamp
    public var adapter: AdapterRef
    public var artist: ArtistRef
    public var basis: Basis
    public var confidence: Double
    public var evidence: String?
    public var assertedBy: Party?
    public var method: Method?

    public init(createdAt: Timestamp = .now, adapter: AdapterRef, artist: ArtistRef, basis: Basis, confidence: Double) {
        self.createdAt = createdAt
        self.adapter = adapter
        self.artist = artist
        self.basis = basis
        self.confidence = confidence
    }
}
