/// One human contribution to a work, signed by the person who made it: the part of an
/// AI-assisted work that copyright can cover.
public struct ContributionPredicate: Predicate, Hashable {
    public static let predicateType = PredicateType.contribution

    /// The kinds of human authorship the US Copyright Office weighs (Zarya of the Dawn, the
    /// 2023 registration guidance, Compendium ch. 900).
    public enum Category: String, Codable, Hashable, Sendable, CaseIterable {
        case text
        case storyCharacterDesign = "story_character_design"
        case selection
        case arrangementLayout = "arrangement_layout"
        case lettering
        case handDrawnOriginal = "hand_drawn_original"
        case modificationOfAIOutput = "modification_of_ai_output"
        case expressiveInput = "expressive_input"
        case color
        case editing
        case inpaintDirection = "inpaint_direction"
        case prompt
        case assistiveAIUse = "assistive_ai_use"
    }

    /// What in the work the contribution is about.
    public struct Target: Codable, Hashable, Sendable {
        public var workRecord: String?
        public var workId: String?
        public var page: Int?
        public var panel: String?
        public var element: String?

        public init(
            workRecord: String? = nil,
            workId: String? = nil,
            page: Int? = nil,
            panel: String? = nil,
            element: String? = nil
        ) {
            self.workRecord = workRecord
            self.workId = workId
            self.page = page
            self.panel = panel
            self.element = element
        }
    }

    /// A span of characters in a text.
    public struct TextSpan: Codable, Hashable, Sendable {
        public var start: Int
        public var end: Int

        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }
    }

    /// Which candidates were shown and which were chosen.
    public struct Selection: Codable, Hashable, Sendable {
        public var candidates: [String]
        public var chosen: [String]
        public var rationale: String?

        public init(candidates: [String], chosen: [String], rationale: String? = nil) {
            self.candidates = candidates
            self.chosen = chosen
            self.rationale = rationale
        }
    }

    /// A human-made input that steered a generation.
    public struct ExpressiveInput: Codable, Hashable, Sendable {
        public var role: String
        public var strength: Double?
        public var generationRecord: String?

        public init(role: String, strength: Double? = nil, generationRecord: String? = nil) {
            self.role = role
            self.strength = strength
            self.generationRecord = generationRecord
        }
    }

    public var createdAt: Timestamp
    public var contributor: Party
    public var category: Category
    public var target: Target?
    public var region: Region?
    public var textSpan: TextSpan?
    public var before: DigestRef?
    public var after: DigestRef?
    public var tools: [ToolUse]?
    public var timeSpan: TimeSpan?
    public var description: String?
    public var evidence: [EvidenceRef]?
    public var selection: Selection?
    public var expressiveInput: ExpressiveInput?
    /// none, minor, extensive.
    public var extent: String?
    public var attestation: String

    public init(createdAt: Timestamp = .now, contributor: Party, category: Category, attestation: String) {
        self.createdAt = createdAt
        self.contributor = contributor
        self.category = category
        self.attestation = attestation
    }
}
