import ColophonLedger
import ColophonRecords

/// What `verify COMIC.cbz | DIR` prints: per page and per element, what the records say; the
/// consent conflicts; the counts, the platform disclosure and the copyright claim draft.
struct ComicReport: Codable {
    struct Work: Codable {
        var workId: String
        var title: String
        var version: Int
        var recordId: String
        var index: UInt64
        var foundBy: String
        var status: String
        var signatures: [SignatureReport]
        var newerVersion: String?
    }

    struct Generation: Codable {
        var recordId: String
        var signer: String?
        var valid: Bool
        var status: String
        var generator: String?
        var model: String?
        var adapters: [String]
        var prompt: String?
        var seed: String?
    }

    struct Contribution: Codable {
        var recordId: String
        var signer: String?
        var valid: Bool
        var status: String
        var author: String
        var category: String
        var extent: String?
        var evidence: Int
        var hasBefore: Bool
        var attestation: String
        var tools: [String]

        init(_ contribution: ComicVerification.Contribution) {
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

    struct Element: Codable {
        var id: String
        var kind: String
        var panel: String?
        var box: Box?
        var origin: String
        var humanModification: String?
        var generations: [Generation]
        var contributions: [Contribution]
        var consent: [ConsentFindingReport]
        var problems: [String]
        var warnings: [String]
    }

    struct Image: Codable {
        var verdict: String
        var method: String
        var recordId: String?
    }

    struct Page: Codable {
        var number: Int
        var fileName: String?
        var sha256: String?
        var status: String
        var width: Int?
        var height: Int?
        var ai: Int
        var human: Int
        var humanModifiedAI: Int
        var elements: [Element]
        var image: Image?
        var problems: [String]
    }

    struct Summary: Codable {
        var pages: Int
        var elements: Int
        var ai: Int
        var human: Int
        var humanModifiedAI: Int
        var unknownProvenance: [String]
        var consentConflicts: Int
    }

    struct Disclosure: Codable {
        var classification: String
        var images: String
        var text: String
        var aiImages: Int
        var aiTexts: Int
        var humanModifiedAIImages: Int
        var totalImages: Int
        var threshold: String
        var credits: [String]
        var statement: String
    }

    struct Claim: Codable {
        var authors: [String]
        var authorCreated: String
        var materialExcluded: String
        var newMaterialIncluded: String
        var aiDisclosure: String
        var excludedElements: [String]
        var claimedParts: [String]
        var warnings: [String]
    }

    var path: String
    var verdict: String
    var work: Work?
    var pages: [Page]
    var workContributions: [Contribution]
    var consent: [ConsentFindingReport]
    var summary: Summary
    var disclosure: Disclosure
    var claim: Claim
    var problems: [String]
    var notes: [String]

    init(_ result: ComicVerification) {
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

    static func element(_ element: ComicVerification.Element) -> Element {
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
