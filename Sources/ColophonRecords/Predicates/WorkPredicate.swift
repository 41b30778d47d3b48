/// A comic or book: pages by image digest, and on each page the elements with their origin
/// and the records behind them.
public struct WorkPredicate: Predicate, Hashable {
    public static let predicateType = PredicateType.work

    /// One element on a page: a panel, its art, a balloon, a caption, SFX, a border.
    public struct Element: Codable, Hashable, Sendable {
        public var id: String
        /// panel, panel_art, balloon, caption, sfx, border, background, other.
        public var kind: String
        public var panel: String?
        public var box: Box?
        public var zOrder: Int?
        public var readingOrder: Int?
        /// ai, human, mixed.
        public var origin: String
        /// none, minor, extensive.
        public var humanModification: String?
        public var sha256: String?
        public var textSha256: String?
        public var generationRecords: [String]?
        public var contributionRecords: [String]?

        public init(id: String, kind: String, origin: String) {
            self.id = id
            self.kind = kind
            self.origin = origin
        }
    }

    /// One page, by the digest of its image.
    public struct Page: Codable, Hashable, Sendable {
        public var number: Int
        public var fileName: String?
        public var sha256: String
        public var pixelSha256: String?
        public var width: Int?
        public var height: Int?
        public var elements: [Element]?

        public init(number: Int, sha256: String) {
            self.number = number
            self.sha256 = sha256
        }
    }

    public var createdAt: Timestamp
    public var workId: String
    public var version: Int
    public var supersedesRecord: String?
    public var title: String
    public var series: String?
    public var number: String?
    public var language: String?
    public var summary: String?
    public var creators: [Party]?
    public var publisher: Party?
    public var pages: [Page]
    /// Every page with its elements, as a blob, when they do not fit in the record.
    public var elementsBlob: String?
    public var contributionRecords: [String]?

    public init(createdAt: Timestamp = .now, workId: String, version: Int = 1, title: String, pages: [Page]) {
        self.createdAt = createdAt
        self.workId = workId
        self.version = version
        self.title = title
        self.pages = pages
    }
}
