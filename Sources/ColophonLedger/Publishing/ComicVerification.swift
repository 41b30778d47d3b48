public import ColophonRecords

/// The answer to a publisher's "what is in this comic?": every page checked against the work
/// record, every element's provenance, consent conflicts, and the summaries a publisher files
/// (platform disclosure, copyright claim draft).
public struct ComicVerification: Sendable {
    /// How an archive page relates to the work record.
    public enum PageStatus: String, Sendable {
        /// Its digest is the work's page of that number.
        case matches
        /// The work has a page of that number with another digest.
        case differs
        /// The archive has it; the work does not.
        case notInWork = "not-in-work"
        /// The work has it; the archive does not.
        case missing
    }

    /// A generation record behind an element, summarised.
    public struct Generation: Sendable {
        /// A LoRA the generation used.
        public struct Adapter: Sendable {
            public var name: String
            public var weight: Double?
            /// Whether it resolved to a registered adapter record.
            public var registered: Bool

            /// "name @ weight", and "(not registered)" when it is not.
            public var label: String {
                name + (weight.map { " @ \($0)" } ?? "") + (registered ? "" : " (not registered)")
            }
        }

        public var record: RecordID
        /// The name of the key that signed it.
        public var signer: String?
        /// Whether its signatures hold.
        public var valid: Bool
        /// current, superseded, disputed or retracted.
        public var status: String
        public var model: String?
        public var adapters: [Adapter]
        public var prompt: String?
        public var seed: String?
        public var generator: String?
    }

    /// A contribution record behind an element or the work, summarised.
    public struct Contribution: Sendable {
        public var record: RecordID
        /// The name of the key that signed it: the author's.
        public var signer: String?
        /// Whether its signatures hold.
        public var valid: Bool
        /// current, superseded, disputed or retracted.
        public var status: String
        public var author: String
        public var category: ContributionPredicate.Category
        public var extent: String?
        /// How many evidence files it stored.
        public var evidence: Int
        /// For a modification: whether the image it started from is in the ledger.
        public var hasBefore: Bool
        public var attestation: String
        /// Each tool, "(generative)" after those that generate.
        public var tools: [String]
        /// The pages whose elements cite it.
        public var pages: [Int]
    }

    /// One element of a page with what its records say.
    public struct Element: Sendable {
        public var element: WorkPredicate.Element
        public var generations: [Generation]
        public var contributions: [Contribution]
        public var consent: [ConsentFinding]
        /// Records that are missing, invalid, retracted or of the wrong kind; a box off the page.
        public var problems: [String]
        /// What weakens the element's human claim without failing verification.
        public var warnings: [String]

        /// AI output, whatever was done to it afterwards (Amazon KDP's rule).
        public var isAIGenerated: Bool { element.origin != "human" }
        /// An image element rather than text.
        public var isImage: Bool { ["panel_art", "background", "panel", "other", "border"].contains(element.kind) }
    }

    /// One page.
    public struct Page: Sendable {
        public var number: Int
        public var fileName: String?
        public var sha256: String?
        public var status: PageStatus
        public var width: Int?
        public var height: Int?
        public var elements: [Element]
        /// For a page the work does not list: what the ledger knows of the image itself.
        public var image: ImageVerification?
        public var problems: [String]

        public var aiCount: Int { elements.filter { $0.element.origin == "ai" }.count }
        public var humanCount: Int { elements.filter { $0.element.origin == "human" }.count }
        public var modifiedAICount: Int { elements.filter { $0.element.origin == "mixed" }.count }
    }

    public var source: String
    public var work: WorkVersion?
    /// How the work record was found: the archive's manifest, or the page digests.
    public var foundBy: String?
    public var workSignatures: [SignatureVerdict]
    public var workStatus: String?
    /// A newer version of the work than the one verified.
    public var newerVersion: RecordID?
    public var pages: [Page]
    /// Contributions to the work as a whole (script, selection and arrangement).
    public var workContributions: [Contribution]
    public var comicInfoProblem: String?
    public var problems: [String]
    public var notes: [String]
    public var disclosure: PlatformDisclosure
    public var claim: CopyrightClaimDraft

    /// Everything verifies: the work record holds, every page matches it, every cited record
    /// exists and holds, and no page is of unknown provenance.
    public var verified: Bool {
        work != nil && problems.isEmpty && pages.allSatisfy { $0.status == .matches && $0.problems.isEmpty }
            && pages.allSatisfy { $0.elements.allSatisfy(\.problems.isEmpty) }
            && workContributions.allSatisfy { $0.valid && $0.status != "retracted" }
    }

    /// Every consent finding, once.
    public var consent: [ConsentFinding] {
        var seen: Set<ConsentFinding> = []
        return pages.flatMap { $0.elements.flatMap(\.consent) + ($0.image?.consent ?? []) }.filter {
            seen.insert($0).inserted
        }
    }

    /// Pages nothing in the ledger accounts for.
    public var unknownPages: [Page] {
        pages.filter { $0.status == .notInWork && ($0.image?.verdict ?? .unknown) == .unknown }
    }
}
