public import ColophonCrypto
public import ColophonRecords
import ColophonStorage
import Foundation

extension Ledger {
    /// What ``recordContribution(_:key:)`` appended, and what weakens it as evidence.
    public struct ContributionRecorded: Sendable {
        public var record: AppendResult
        public var predicate: ContributionPredicate
        /// What a copyright examiner would find missing: a modification without the AI output it
        /// started from, a claim that rests on a prompt alone.
        public var warnings: [String]
    }

    /// The largest evidence or material file stored with a contribution.
    public static let maxContributionFileBytes = 256 << 20

    /// Appends one human contribution, signed by its author. The material becomes the record's
    /// subjects, evidence files are stored as blobs, the work it targets must exist and its
    /// region must lie on the page, and a before-image that a generation record describes is
    /// linked to that record.
    ///
    /// - Throws: ``LedgerError`` `.badInput` for a contribution that contradicts itself or the
    ///   work it names (a region outside the page, a chosen candidate that was not shown…),
    ///   `.notFound` for a work or record that is not in the ledger.
    public func recordContribution(
        _ request: ContributionRequest,
        key: SigningKey
    ) async throws
        -> ContributionRecorded
    {
        var predicate = request.predicate
        try Self.check(predicate)
        // The contributor is the signer: a record cannot claim someone else's authorship.
        if let named = predicate.contributor.keyId, named != key.verifyingKey.keyID {
            throw LedgerError(
                .badInput,
                "the contributor's key \(named.prefix(16))… is not the key that signs the record"
            )
        }
        predicate.contributor.keyId = key.verifyingKey.keyID
        var subjects: [Subject] = []
        func addSubject(_ name: String, _ sha256: String) {
            if !subjects.contains(where: { $0.sha256 == sha256 }) {
                subjects.append(Subject(name: name, sha256: sha256))
            }
        }
        for file in request.material {
            try Self.checkSize(file, what: "material")
            addSubject(file.name, SHA256.hash(file.bytes).hex)
        }
        if let after = predicate.after { addSubject("after", after.sha256) }
        for chosen in predicate.selection?.chosen ?? [] { addSubject("chosen", chosen) }

        if var target = predicate.target {
            let work = try await targetWork(target)
            if let work {
                target.workRecord = work.record.description
                target.workId = work.predicate.workId
                try Self.check(target, region: predicate.region, in: work.predicate)
                if subjects.isEmpty, let page = target.page,
                    let digest = work.predicate.pages.first(where: { $0.number == page })?.sha256
                {
                    addSubject("page-\(page)", digest)
                }
            }
            predicate.target = target
        }
        if subjects.isEmpty {
            for file in request.evidence { addSubject(file.name, SHA256.hash(file.bytes).hex) }
        }
        guard !subjects.isEmpty else {
            throw LedgerError(
                .badInput,
                "a contribution needs something it is about: the material made (a file), the after-image, the chosen candidates, an evidence file, or a page of a work in this ledger"
            )
        }
        for side in [\ContributionPredicate.before, \ContributionPredicate.after] {
            guard var reference = predicate[keyPath: side], reference.record == nil else { continue }
            reference.record = try await generationRecord(forImage: reference.sha256)?.description
            predicate[keyPath: side] = reference
        }
        var evidence = predicate.evidence ?? []
        for file in request.evidence {
            try Self.checkSize(file, what: "evidence")
            evidence.append(
                EvidenceRef(
                    blob: Self.blobReference(file.bytes),
                    mediaType: file.mediaType,
                    description: file.description ?? file.name
                )
            )
        }
        predicate.evidence = evidence.isEmpty ? nil : evidence

        let statement: Statement
        do {
            statement = try Statement(subjects: subjects, predicate: predicate)
        } catch {
            throw LedgerError(.badInput, "the contribution: \(error)")
        }
        let appended = try await appendOne(
            try Envelope.sign(statement, with: key),
            what: "the contribution",
            blobs: request.evidence.map(\.bytes)
        )
        return ContributionRecorded(record: appended, predicate: predicate, warnings: Self.warnings(predicate))
    }

    /// The newest generation record whose subject is this image digest.
    public func generationRecord(forImage sha256: String) async throws -> RecordID? {
        try await entries(subject: "sha256", value: sha256)
            .last { $0.predicateType == PredicateType.generation.rawValue }?.recordID
    }

    /// The work a target names by record or by work id; nil when it names none.
    private func targetWork(_ target: ContributionPredicate.Target) async throws -> WorkVersion? {
        if let text = target.workRecord {
            guard let id = RecordID(text) else { throw LedgerError(.badInput, "\(text) is not a record id") }
            guard let version = try await workVersion(try await record(id)) else {
                throw LedgerError(.badInput, "\(text) is not a work record")
            }
            return version
        }
        guard let workId = target.workId else { return nil }
        // A contribution may be recorded before the work exists.
        return try await currentWork(workId)
    }

    static func check(_ predicate: ContributionPredicate) throws {
        guard !predicate.attestation.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw LedgerError(.badInput, "a contribution needs the author's attestation in words")
        }
        if let problem = predicate.region?.problem { throw LedgerError(.badInput, "the region: \(problem)") }
        if let span = predicate.timeSpan, span.end < span.start {
            throw LedgerError(.badInput, "the time span ends (\(span.end)) before it starts (\(span.start))")
        }
        if let span = predicate.textSpan, span.end < span.start || span.start < 0 {
            throw LedgerError(.badInput, "the text span \(span.start)…\(span.end) is backwards or negative")
        }
        if let extent = predicate.extent, !extents.contains(extent) {
            throw LedgerError(.badInput, "the extent must be none, minor or extensive, not \(extent)")
        }
        if let selection = predicate.selection {
            guard !selection.candidates.isEmpty, !selection.chosen.isEmpty else {
                throw LedgerError(.badInput, "a selection needs the candidates shown and at least one chosen")
            }
            if let stray = selection.chosen.first(where: { !selection.candidates.contains($0) }) {
                throw LedgerError(.badInput, "the chosen image \(stray.prefix(12))… was not among the candidates shown")
            }
        }
        if let strength = predicate.expressiveInput?.strength, !(0...1).contains(strength) {
            throw LedgerError(.badInput, "the expressive input's strength must be 0…1, not \(strength)")
        }
    }

    /// The page and element a target names exist in the work, and the region lies on the page.
    static func check(_ target: ContributionPredicate.Target, region: Region?, in work: WorkPredicate) throws {
        guard let number = target.page else { return }
        guard let page = work.pages.first(where: { $0.number == number }) else {
            throw LedgerError(
                .badInput,
                "the work \(work.workId) has no page \(number) (it has \(work.pages.count) page\(work.pages.count == 1 ? "" : "s"))"
            )
        }
        if let region, let width = page.width, let height = page.height, !region.fits(width: width, height: height) {
            let box = region.bounds.map { "\($0.x),\($0.y) \($0.width)×\($0.height)" } ?? ""
            throw LedgerError(
                .badInput,
                "the region \(box) lies outside page \(number) of \(work.workId), which is \(width)×\(height) pixels"
            )
        }
    }

    static func checkSize(_ file: ContributionRequest.File, what: String) throws {
        guard file.bytes.count <= maxContributionFileBytes else {
            throw LedgerError(
                .badInput,
                "the \(what) file \(file.name) is \(file.bytes.count) bytes; the limit is \(maxContributionFileBytes)"
            )
        }
    }

    /// Whether the image a modification started from can be produced: a generation record
    /// describes it, or it is one of the evidence files.
    public static func beforeImageKept(_ predicate: ContributionPredicate) -> Bool {
        guard let before = predicate.before else { return false }
        return before.record != nil || (predicate.evidence ?? []).contains { $0.blob == "sha256:" + before.sha256 }
    }

    /// What weakens a contribution as evidence of human authorship (USCO guidance; the
    /// Théâtre D'opéra Spatial decision).
    static func warnings(_ predicate: ContributionPredicate) -> [String] {
        var warnings: [String] = []
        if let before = predicate.before, !Self.beforeImageKept(predicate) {
            warnings.append(
                "the before-image \(before.sha256.prefix(12))… is not in the ledger (no generation record or evidence file has it): an examiner cannot see what was changed"
            )
        }
        if predicate.category == .prompt {
            warnings.append("prompts alone are unlikely to support a copyright claim (USCO, Copyright and AI Part 2)")
        }
        if predicate.category == .assistiveAIUse {
            warnings.append("assistive AI use adds no human authorship; it is recorded for disclosure")
        }
        if predicate.tools?.contains(where: \.generative) == true, predicate.category != .assistiveAIUse {
            warnings.append("a generative tool was used: the parts it made are not human-authored")
        }
        if (predicate.evidence ?? []).isEmpty, predicate.before == nil, predicate.selection == nil {
            warnings.append("no evidence files (drafts, layered files, timelapse) back the attestation")
        }
        return warnings
    }
}
