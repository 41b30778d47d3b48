import ColophonMedia
import ColophonRecords
import Foundation

/// Follows a work's elements to their records, once per record: a comic cites the same
/// generation and contribution records from many elements.
struct ComicChecker {
    let ledger: Ledger
    let registry: KeyRegistry
    let consent: ConsentBook
    let catalog: ModelCatalog
    private var generations: [String: (ComicVerification.Generation?, [ConsentFinding], [String])] = [:]
    private var contributions: [String: (ComicVerification.Contribution?, ContributionPredicate?, [String])] = [:]

    init(ledger: Ledger) async throws {
        self.ledger = ledger
        registry = try await ledger.keyRegistry()
        consent = try await ledger.consentBook()
        catalog = try await ledger.modelCatalog()
    }

    mutating func check(
        _ element: WorkPredicate.Element,
        on page: WorkPredicate.Page
    ) async throws
        -> ComicVerification.Element
    {
        var result = ComicVerification.Element(
            element: element,
            generations: [],
            contributions: [],
            consent: [],
            problems: [],
            warnings: []
        )
        let at = "element \(element.id)"
        for text in element.generationRecords ?? [] {
            let (summary, findings, problems) = try await generation(text)
            if let summary { result.generations.append(summary) }
            result.consent += findings
            result.problems += problems.map { "\(at): \($0)" }
        }
        for text in element.contributionRecords ?? [] {
            let (summary, problems) = try await contribution(text, page: page)
            if let summary { result.contributions.append(summary) }
            result.problems += problems.map { "\(at): \($0)" }
            if let predicate = contributions[text]?.1 {
                result.warnings += Ledger.warnings(predicate).filter { !$0.hasPrefix("assistive") }
            }
        }
        if let box = element.box, let width = page.width, let height = page.height,
            !Region.box(box).fits(width: width, height: height)
        {
            result.problems.append("\(at): its box lies outside the page (\(width)×\(height))")
        }
        switch element.origin {
        case "ai" where (element.generationRecords ?? []).isEmpty:
            result.warnings.append("marked AI-generated, but no generation record says how it was made")
        case "human" where !(element.generationRecords ?? []).isEmpty:
            result.problems.append("\(at): marked human, but it cites generation records")
        case "human" where (element.contributionRecords ?? []).isEmpty:
            result.warnings.append("marked human, but no contribution record backs it")
        case "mixed" where !result.contributions.contains(where: { $0.category == .modificationOfAIOutput }):
            result.warnings.append("marked human-modified AI, but no modification record backs it")
        default:
            break
        }
        return result
    }

    mutating func generation(
        _ text: String
    ) async throws -> (
        ComicVerification.Generation?, [ConsentFinding], [String]
    ) {
        if let cached = generations[text] { return cached }
        var problems: [String] = []
        var summary: ComicVerification.Generation?
        var findings: [ConsentFinding] = []
        if let record = try await load(text, as: .generation, problems: &problems) {
            let predicate = try? record.statement.decodePredicate(as: GenerationPredicate.self)
            summary = ComicVerification.Generation(
                record: record.recordID,
                signer: record.verdict.signatures.first?.keyName,
                valid: record.verdict.isValid,
                status: record.status,
                model: predicate?.model?.name ?? predicate?.model?.hash,
                adapters: (predicate?.adapters ?? []).map {
                    .init(name: $0.name, weight: $0.weight, registered: $0.record != nil)
                },
                prompt: predicate?.prompt?.clearText,
                seed: predicate?.parameters?.seed.map(String.init)
                    ?? predicate?.parameters?.other?["seed"]?.stringValue,
                generator: predicate?.generator.map { [$0.name, $0.version].compactMap { $0 }.joined(separator: " ") }
            )
            if let predicate {
                findings = try await ledger.consentFindings(
                    for: predicate,
                    record: record.recordID,
                    book: consent,
                    catalog: catalog
                )
            }
        }
        generations[text] = (summary, findings, problems)
        return (summary, findings, problems)
    }

    mutating func contribution(
        _ text: String,
        page: WorkPredicate.Page?
    ) async throws -> (
        ComicVerification.Contribution?, [String]
    ) {
        var problems: [String] = []
        if contributions[text] == nil {
            var summary: ComicVerification.Contribution?
            var decoded: ContributionPredicate?
            if let record = try await load(text, as: .contribution, problems: &problems) {
                decoded = try? record.statement.decodePredicate(as: ContributionPredicate.self)
                if let predicate = decoded {
                    summary = ComicVerification.Contribution(record: record, predicate: predicate)
                } else {
                    problems.append("the contribution record \(text) does not decode")
                }
            }
            contributions[text] = (summary, decoded, problems)
        }
        guard var summary = contributions[text]?.0 else { return (nil, contributions[text]?.2 ?? problems) }
        problems = contributions[text]?.2 ?? []
        if let page, let predicate = contributions[text]?.1 {
            summary.pages = [page.number]
            if let region = predicate.region, let width = page.width, let height = page.height,
                predicate.target?.page.map({ $0 == page.number }) ?? true, !region.fits(width: width, height: height)
            {
                problems.append("the contribution \(text.prefix(19))…'s region lies outside page \(page.number)")
            }
        }
        return (summary, problems)
    }

    /// A cited record, or nil with the reason it cannot stand.
    private func load(_ text: String, as type: PredicateType, problems: inout [String]) async throws -> LedgerRecord? {
        guard let id = RecordID(text) else {
            problems.append("\(text) is not a record id")
            return nil
        }
        let record: LedgerRecord
        do {
            record = try await ledger.record(id, registry: registry)
        } catch let error as LedgerError where error.code == .notFound {
            problems.append("cites the \(type.shortName) record \(text.prefix(19))…, which this ledger does not hold")
            return nil
        }
        guard record.statement.predicateType == type.rawValue else {
            problems.append("cites \(text.prefix(19))… as a \(type.shortName) record, but it is not one")
            return nil
        }
        if let problem = record.verdict.problem {
            problems.append("the \(type.shortName) record's signature: \(problem)")
        }
        if record.status == "retracted" {
            problems.append("the \(type.shortName) record \(text.prefix(19))… is retracted")
        }
        return record
    }

    /// Signers whose keys were revoked after they signed: the record stands, but a reader
    /// should know.
    func revocationNotes(_ verdict: RecordVerdict, what: String) -> [String] {
        verdict.signatures.compactMap { signature in
            guard signature.valid, let key = registry.key(id: signature.keyID), let revocation = key.revocation else {
                return nil
            }
            return "\(what) was signed by \(key.name), a key revoked later (\(revocation.reason))"
        }
    }
}
