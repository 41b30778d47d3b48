/// An artist's declaration of consent or refusal. Later declarations supersede earlier ones.
public struct ConsentPredicate: Predicate, Hashable {
    public static let predicateType = PredicateType.consent

    /// What the declaration covers.
    public enum Scope: String, Codable, Hashable, Sendable, CaseIterable {
        case styleEmulation = "style_emulation"
        case training
        case trainingGenerative = "training_generative"
        case trainingOther = "training_other"
        case nameInPrompt = "name_in_prompt"
        case likeness
        case inferenceInput = "inference_input"
    }

    /// The artist's answer for a scope.
    public enum Status: String, Codable, Hashable, Sendable, CaseIterable {
        case refused
        case granted
        case conditional
    }

    /// How the artist's identity was checked.
    public struct IdentityVerification: Codable, Hashable, Sendable {
        public var method: String
        public var verifier: String?
        public var evidence: String?
        public var verifiedAt: Timestamp?

        public init(method: String, verifier: String? = nil, evidence: String? = nil, verifiedAt: Timestamp? = nil) {
            self.method = method
            self.verifier = verifier
            self.evidence = evidence
            self.verifiedAt = verifiedAt
        }
    }

    /// Who declares.
    public struct Artist: Codable, Hashable, Sendable {
        public var name: String
        public var aliases: [String]?
        public var profiles: [String]?
        public var identityVerification: IdentityVerification?

        public init(name: String, aliases: [String]? = nil, profiles: [String]? = nil) {
            self.name = name
            self.aliases = aliases
            self.profiles = profiles
        }
    }

    /// One scope and the artist's answer for it.
    public struct Declaration: Codable, Hashable, Sendable {
        public var scope: Scope
        public var status: Status
        public var terms: String?
        public var termsUrl: String?

        public init(scope: Scope, status: Status, terms: String? = nil, termsUrl: String? = nil) {
            self.scope = scope
            self.status = status
            self.terms = terms
            self.termsUrl = termsUrl
        }
    }

    /// Which works the declaration is about.
    public struct WorksCovered: Codable, Hashable, Sendable {
        public var all: Bool?
        public var sha256: [String]?
        public var urls: [String]?

        public init(all: Bool? = nil, sha256: [String]? = nil, urls: [String]? = nil) {
            self.all = all
            self.sha256 = sha256
            self.urls = urls
        }
    }

    /// Who signed on the artist's behalf.
    public struct Agent: Codable, Hashable, Sendable {
        public var party: Party
        public var mandateRecord: String?

        public init(party: Party, mandateRecord: String? = nil) {
            self.party = party
            self.mandateRecord = mandateRecord
        }
    }

    public var createdAt: Timestamp
    public var artist: Artist
    public var declarations: [Declaration]
    public var worksCovered: WorksCovered?
    public var effectiveFrom: Timestamp?
    public var jurisdiction: String?
    public var contact: String?
    public var agent: Agent?
    public var supersedesRecord: String?

    public init(createdAt: Timestamp = .now, artist: Artist, declarations: [Declaration]) {
        self.createdAt = createdAt
        self.artist = artist
        self.declarations = declarations
    }
}
