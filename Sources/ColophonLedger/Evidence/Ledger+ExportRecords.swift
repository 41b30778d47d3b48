import ColophonRecords
public import ColophonStorage
import Foundation

extension Ledger {
    /// The records an export holds, in log order: those the scope names; every record they
    /// cite, transitively; the corrections of each; the attributions of each adapter (and the
    /// declarations those cite); and every key record, so signatures can be judged offline.
    /// Also the ids of cited records this ledger does not hold.
    public func exportRecords(_ scope: ExportScope) async throws -> (entries: [StoredEntry], missing: [String]) {
        var queue = try await seeds(of: scope)
        let keys = try await storage { try await store.entries(predicateType: PredicateType.key.rawValue) }
        queue += keys.map(\.recordID)
        var included: [RecordID: StoredEntry] = [:]
        var missing: [String] = []
        while let id = queue.popLast() {
            guard included[id] == nil else { continue }
            guard let entry = try await storage({ try await store.entry(recordID: id) }) else {
                if !missing.contains(id.description) { missing.append(id.description) }
                continue
            }
            included[id] = entry
            guard included.count <= Self.maxBundleRecords else {
                throw LedgerError(
                    .badInput,
                    "the export would hold more than \(Self.maxBundleRecords) records; narrow it"
                )
            }
            if let statement = try? Envelope(jsonBytes: entry.body).statement() {
                queue += statement.referencedRecords.filter { included[$0] == nil }
            }
            let wanted: Set<String> =
                entry.predicateType == PredicateType.adapter.rawValue
                ? [PredicateType.correction.rawValue, PredicateType.attribution.rawValue]
                : [PredicateType.correction.rawValue]
            for other in try await entries(referencing: id) where wanted.contains(other.predicateType) {
                if included[other.recordID] == nil { queue.append(other.recordID) }
            }
        }
        return (included.values.sorted { $0.index < $1.index }, missing)
    }

    /// The records a scope names before their citations are followed.
    private func seeds(of scope: ExportScope) async throws -> [RecordID] {
        switch scope {
        case .records(let ids):
            for id in ids where try await storage({ try await store.entry(recordID: id) }) == nil {
                throw LedgerError(.notFound, "no record \(id) in this ledger")
            }
            return ids
        case .work(let reference):
            let workId = try await work(reference).predicate.workId
            var ids: [RecordID] = []
            for version in try await workVersions(workId) {
                ids.append(version.record)
                let cited = version.elements.flatMap {
                    ($0.element.generationRecords ?? []) + ($0.element.contributionRecords ?? [])
                }
                ids += (cited + (version.predicate.contributionRecords ?? [])).compactMap(RecordID.init)
            }
            return ids
        case .artist(let name):
            let book = try await consentBook()
            let catalog = try await modelCatalog()
            var ids = book.declarations(naming: name).flatMap { [$0.record] + $0.supersedes }
            let links = book.attributions(artist: name, catalog: catalog)
            ids += links.compactMap(\.record)
            for adapter in Set(links.map(\.adapter)) {
                ids.append(adapter)
                ids += try await entries(referencing: adapter)
                    .filter { $0.predicateType == PredicateType.generation.rawValue }.map(\.recordID)
            }
            guard !ids.isEmpty else {
                throw LedgerError(.notFound, "nothing in this ledger concerns the artist \(name)")
            }
            return ids
        case .lora(let reference):
            guard let adapter = try await modelCatalog().resolve(argument: reference, type: .adapter) else {
                throw LedgerError(.notFound, "no registered LoRA matches \(reference)")
            }
            return [adapter.record] + (try await entries(referencing: adapter.record)).map(\.recordID)
        }
    }
}
