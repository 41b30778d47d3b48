/// A draft of the US Copyright Office Standard Application's authorship fields for an
/// AI-assisted work, from its records: what the human authors created, what AI material must
/// be excluded, and what new material the claim covers (2023 registration guidance; Zarya of
/// the Dawn). A draft for a person to review, not legal advice.
public struct CopyrightClaimDraft: Hashable, Sendable {
    /// The human authors, from signed contribution records.
    public var authors: [String]
    /// "Author Created".
    public var authorCreated: String
    /// "Limitation of the Claim → Material Excluded → Other".
    public var materialExcluded: String
    /// "New Material Included → Other".
    public var newMaterialIncluded: String
    /// The AI disclosure note for the application.
    public var aiDisclosure: String
    /// AI elements more than de minimis, each with where it is.
    public var excludedElements: [String]
    /// Human parts the claim rests on, each with its record.
    public var claimedParts: [String]
    /// What an examiner would question: prompt-only claims, modifications without their
    /// before-image, human elements with no record.
    public var warnings: [String]
}
