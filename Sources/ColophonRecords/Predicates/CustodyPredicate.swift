/// A chain-of-custody event (ISO/IEC 27037): an export, a transfer, a legal hold.
public struct CustodyPredicate: Predicate, Hashable {
    public static let predicateType = PredicateType.custody

    /// The custody action.
    public enum Action: String, Codable, Hashable, Sendable, CaseIterable {
        case export
        case copy
        case transfer
        case access
        case legalHold = "legal_hold"
        case productionOrder = "production_order"
    }

    /// What the event covers.
    public struct Scope: Codable, Hashable, Sendable {
        public var records: [String]?
        public var query: String?

        public init(records: [String]? = nil, query: String? = nil) {
            self.records = records
            self.query = query
        }
    }

    /// The package produced or moved.
    public struct Package: Codable, Hashable, Sendable {
        public var name: String
        public var sha256: String?
        public var sizeBytes: Int?

        public init(name: String, sha256: String? = nil, sizeBytes: Int? = nil) {
            self.name = name
            self.sha256 = sha256
            self.sizeBytes = sizeBytes
        }
    }

    /// The tool that performed the action.
    public struct Tool: Codable, Hashable, Sendable {
        public var name: String
        public var version: String?

        public init(name: String, version: String? = nil) {
            self.name = name
            self.version = version
        }
    }

    public var createdAt: Timestamp
    public var action: Action
    public var actor: Party
    public var authority: String?
    public var scope: Scope?
    public var package: Package?
    public var source: String?
    public var destination: String?
    public var tool: Tool?

    public init(createdAt: Timestamp = .now, action: Action, actor: Party) {
        self.createdAt = createdAt
        self.action = action
        self.actor = actor
    }
}
