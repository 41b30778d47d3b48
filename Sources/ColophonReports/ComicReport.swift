public import ColophonLedger
public import ColophonRecords

/// What `verify COMIC.cbz | DIR` prints: per page and per element, what the records say; the
/// consent conflicts; the counts, the platform disclosure and the copyright claim draft.
public struct ComicReport: Codable, Sendable {
    public struct Work: Codable, Sendable {
        public var workId: String
        public var title: String
        public var version: Int
        public var recordId: String
        public var index: UInt64
        public var foundBy: String
        public var status: String
        public var signatures: [SignatureReport]
        public var newerVersion: String?
    }

    public struct Generation: Codable, Sendable {
        public var recordId: String
        public var signer: String?
        public var valid: Bool
        public var status: String
        public var generator: String?
        public var model: String?
        public var adapters: [String]
        public var prompt: String?
        public var seed: String?
    }

    public struct Contribution: Codable, Sendable {
        public var recordId: String
        public var signer: String?
        public var valid: Bool
        public var status: String
        public var author: String
        public var category: String
        public var extent: String?
        public var evidence: Int
        public var hasBefore: Bool
        public var attestation: String
        public var tools: [String]

        public init(_ contribution: ComicVerification.Contribution) {
            recordId = contribution.record.description
            signer = contribution.signer
            valid = contribution.valid
            status = contribution.status
            author = contribution.author
            category = contribution.category.rawValue
            extent = contribution.extent
            evidence = contribution.evidence
            hasBefore = contribution.hasBefore
            attestation = contribution.attestation
            tools = contribution.tools
        }
    }

    public struct Element: Codable, Sendable {
        public var id: String
        public var kind: String
        public var panel: String?
        public var box: Box?
        public var origin: String
        public var humanModification: String?
        public var generations: [Generation]
        public var contributions: [Contribution]
        public var consent: [ConsentFindingReport]
        public var problems: [String]
        public var warnings: [String]
    }

    public struct Image: Codable, Sendable {
        public var verdict: String
        public var method: String
        public var recordId: String?
    }

    public struct Page: Codable, Sendable {
        public var number: Int
        public var fileName: String?
        public var sha256: String?
        public var status: String
        public var width: Int?
        public var height: Int?
        public var ai: Int
        public var human: Int
        public var humanModifiedAI: Int
        public var elements: [Element]
        public var image: Image?
        public var problems: [String]
    }

    public struct Summary: Codable, Sendable {
        public var pages: Int
        public var elements: Int
        public var ai: Int
        public var human: Int
        public var humanModifiedAI: Int
        public var unknownProvenance: [String]
        public var consentConflicts: Int
    }

    public struct Disclosure: Codable, Sendable {
        public var classification: String
        public var images: String
        public var text: String
        public var aiImages: Int
        public var aiTexts: Int
        public var humanModifiedAIImages: Int
        public var totalImages: Int
        public var threshold: String
        public var credits: [String]
        public var statement: String
    }

    public struct Claim: Codable, Sendable {
        public var authors: [String]
        public var authorCreated: String
        public var materialExcluded: String
        public var newMaterialIncluded: String
        public var aiDisclosure: String
        public var excludedElements: [String]
        public var claimedParts: [String]
        public var warnings: [String]
    }

    public var path: String
    public var verdict: String
    public var work: Work?
    public var pages: [Page]
    public var workContributions: [Contribution]
    public var consent: [ConsentFindingReport]
    public var summary: Summary
    public var disclosure: Disclosure
    public var claim: Claim
    public var problems: [String]
    public var notes: [String]

    public init(_ result: ComicVerification) {
        path = result.source
        verdict = result.verified ? "verified" : "not-verified"
        if let version = result.work {
            work = Work(
                workId: version.predicate.workId,
                title: version.predicate.title,
                version: version.predicate.version,
                recordId: version.record.description,
                index: version.index,
                foundBy: result.foundBy ?? "page digests",
                status: result.workStatus ?? "current",
                signatures: result.workSignatures.map(SignatureReport.init),
                newerVersion: result.newerVersion?.description
            )
        }
        pages = result.pages.map { page in
            Page(
                number: page.number,
                fileName: page.fileName,
                sha256: page.sha256,
                status: page.status.rawValue,
                width: page.width,
                height: page.height,
                ai: page.aiCount,
                human: page.humanCount,
                humanModifiedAI: page.modifiedAICount,
                elements: page.elements.map(Self.element),
                image: page.image.map {
                    Image(
                        verdict: $0.verdict.rawValue,
                        method: $0.method.rawValue,
                        recordId: $0.record?.recordID.description
                    )
                },
                problems: page.problems
            )
        }
        workContributions = result.workContributions.map(Contribution.init)
        consent = result.consent.map(ConsentFindingReport.init)
        summary = Summary(
            pages: result.pages.count,
            elements: result.pages.reduce(0) { $0 + $1.elements.count },
            ai: result.pages.reduce(0) { $0 + $1.aiCount },
            human: result.pages.reduce(0) { $0 + $1.humanCount },
            humanModifiedAI: result.pages.reduce(0) { $0 + $1.modifiedAICount },
            unknownProvenance: result.unknownPages.map { $0.fileName ?? "page \($0.number)" },
            consentConflicts: ConsentFindingReport.lines(
                result.consent.filter { $0.kind == .conflict }.map(ConsentFindingReport.init)
            ).count
        )
        let disclosure = result.disclosure
        self.disclosure = Disclosure(
            classification: disclosure.classification,
            images: disclosure.images,
            text: disclosure.text,
            aiImages: disclosure.aiImages,
            aiTexts: disclosure.aiTexts,
            humanModifiedAIImages: disclosure.humanModifiedAIImages,
            totalImages: disclosure.totalImages,
            threshold: "\"one or a few\" is at most 3 AI images or at most a tenth of the images",
            credits: disclosure.credits,
            statement: disclosure.statement
        )
        let draft = result.claim
        claim = Claim(
            authors: draft.authors,
            authorCreated: draft.authorCreated,
            materialExcluded: draft.materialExcluded,
            newMaterialIncluded: draft.newMaterialIncluded,
            aiDisclosure: draft.aiDisclosure,
            excludedElements: draft.excludedElements,
            claimedParts: draft.claimedParts,
            warnings: draft.warnings
        )
        problems = result.problems
        notes = result.notes
    }

    public static func element(_ element: ComicVerification.Element) -> Element {
        Element(
            id: element.element.id,
            kind: element.element.kind,
            panel: element.element.panel,
            box: element.element.box,
            origin: element.element.origin,
            humanModification: element.element.humanModification,
            generations: element.generations.map {
                Generation(
                    recordId: $0.record.description,
                    signer: $0.signer,
                    valid: $0.valid,
                    status: $0.status,
                    generator: $0.generator,
                    model: $0.model,
                    adapters: $0.adapters.map(\.label),
                    prompt: $0.prompt,
                    seed: $0.seed
                )
            },
            contributions: element.contributions.map(Contribution.init),
            consent: element.consent.map(ConsentFindingReport.init),
            problems: element.problems,
            warnings: element.warnings
        )
    }
}
