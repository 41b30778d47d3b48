import ColophonRecords

extension ComicVerification.Contribution {
    /// The summary of a contribution record, on no page yet.
    init(record: LedgerRecord, predicate: ContributionPredicate) {
        self.init(
            record: record.recordID,
            signer: record.verdict.signatures.first?.keyName,
            valid: record.verdict.isValid,
            status: record.status,
            author: predicate.contributor.name,
            category: predicate.category,
            extent: predicate.extent,
            evidence: predicate.evidence?.count ?? 0,
            hasBefore: Ledger.beforeImageKept(predicate),
            attestation: predicate.attestation,
            tools: (predicate.tools ?? []).map { $0.name + ($0.generative ? " (generative)" : "") },
            pages: []
        )
    }
}
