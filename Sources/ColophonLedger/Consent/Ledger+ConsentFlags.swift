public import ColophonRecords
import ColophonStorage
import Foundation

extension Ledger {
    /// How deep flag evaluation follows input images to the generations that made them.
    static let maxAncestryDepth = 8

    /// Flag evaluation: walks a generation's ancestry — its LoRAs, base model, prompt and input
    /// images, and the generations that made those — and reports every match with an artist's
    /// declaration in force, with the path that led to it. Deterministic: the same ledger
    /// gives the same findings.
    public func consentFindings(
        for generation: GenerationPredicate,
        record: RecordID?,
        book: ConsentBook,
        catalog: ModelCatalog
    ) async throws -> [ConsentFinding] {
        guard !book.declarations.isEmpty else { return [] }
        var walk = ConsentWalk(book: book, catalog: catalog, madeAt: generation.createdAt.date)
        var visited: Set<RecordID> = record.map { [$0] } ?? []
        let start = record.map { ["generation \($0.short)"] } ?? ["this image"]
        try await follow(generation, path: start, depth: 0, walk: &walk, visited: &visited)
        return walk.findings
    }

    private func follow(
        _ generation: GenerationPredicate,
        path: [String],
        depth: Int,
        walk: inout ConsentWalk,
        visited: inout Set<RecordID>
    ) async throws {
        walk.match(generation, path: path)
        guard depth < Self.maxAncestryDepth else { return }
        for input in generation.inputs ?? [] {
            let step = "input image (\(input.role)) \(input.sha256.prefix(12))…"
            walk.matchDeclaredWork(input.sha256, path: path + [step])
            var sources = try await entries(subject: "sha256", value: input.sha256)
            if let named = input.record.flatMap(RecordID.init),
                let entry = try await storage({
                    try await store.entry(recordID: named)
                })
            {
                sources.insert(entry, at: 0)
            }
            for entry in sources where entry.predicateType == PredicateType.generation.rawValue {
                guard visited.insert(entry.recordID).inserted else { continue }
                let source = try await record(entry: entry, registry: nil)
                guard let parent = Self.standing(source) else { continue }
                try await follow(
                    parent,
                    path: path + [step, "generation \(entry.recordID.short)"],
                    depth: depth + 1,
                    walk: &walk,
                    visited: &visited
                )
            }
        }
    }
}
