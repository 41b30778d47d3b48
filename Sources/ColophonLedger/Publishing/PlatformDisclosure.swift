/// What a platform's AI disclosure form asks, answered from the elements' origins. The terms
/// are Amazon KDP's: content an AI tool created is "AI-generated" even after substantial human
/// edits; AI used only to edit, refine or check human work is "AI-assisted" and need not be
/// disclosed.
public struct PlatformDisclosure: Hashable, Sendable {
    /// ai-generated, ai-assisted or none.
    public var classification: String
    /// KDP's image answer: none, "one or a few … minimal or no editing", "many … extensive
    /// editing", and so on.
    public var images: String
    /// KDP's text answer, in the same terms.
    public var text: String
    public var aiImages: Int
    public var aiTexts: Int
    public var humanModifiedAIImages: Int
    public var totalImages: Int
    /// Credit lines by role, from the contribution records, and one for the AI systems used.
    public var credits: [String]
    /// The sentence for the book's description or credits page.
    public var statement: String

    /// "Few" is at most 3 images, or at most a tenth of them: KDP gives no number, so the
    /// threshold is stated here and in every report.
    public static func isFew(_ count: Int, of total: Int) -> Bool {
        count <= 3 || count * 10 <= total
    }
}
