import ColophonRecords
import ColophonStorage

extension Ledger {
    /// The human contributions recorded about an image: those that name it as a subject (the
    /// image they produced, or material of it), and those that started from the generation
    /// record it matched (a redraw of an AI output cites the record of its before-image).
    func contributions(about result: ImageVerification) async throws -> [ComicVerification.Contribution] {
        var entries: [StoredEntry] = []
        let digests =
            [("sha256", result.fileSHA256)]
            + [result.pixelSHA256.map { (Stamper.pixelDigestAlgorithm, $0) }]
            .compactMap { $0 }
        for (algorithm, value) in digests {
            entries += try await self.entries(subject: algorithm, value: value)
        }
        if let record = result.record?.recordID {
            entries += try await storage { try await store.entries(referencing: record) }
        }
        var seen: Set<UInt64> = []
        var found: [ComicVerification.Contribution] = []
        for entry in entries.sorted(by: { $0.index < $1.index })
        where entry.predicateType == PredicateType.contribution.rawValue && seen.insert(entry.index).inserted {
            let record = try await self.record(entry.recordID)
            guard let predicate = try? record.statement.decodePredicate(as: ContributionPredicate.self) else {
                continue
            }
            found.append(ComicVerification.Contribution(record: record, predicate: predicate))
        }
        return found
    }
}
