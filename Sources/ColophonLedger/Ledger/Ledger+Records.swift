public import ColophonRecords
import ColophonStorage
import Foundation

extension Ledger {
    /// A record by id, with its signatures judged and its corrections.
    ///
    /// - Throws: ``LedgerError`` `.notFound` when the ledger has no such record.
    public func record(_ id: RecordID, registry: KeyRegistry? = nil) async throws -> LedgerRecord {
        guard let entry = try await storage({ try await store.entry(recordID: id) }) else {
            throw LedgerError(.notFound, "no record \(id) in this ledger")
        }
        return try await record(entry: entry, registry: registry)
    }

    /// A record by log index.
    public func record(at index: UInt64, registry: KeyRegistry? = nil) async throws -> LedgerRecord {
        guard let entry = try await storage({ try await store.entry(at: index) }) else {
            throw LedgerError(.notFound, "no entry \(index) in this ledger")
        }
        return try await record(entry: entry, registry: registry)
    }

    /// Resolves what a user typed: a record id (`sha256:<hex>` or hex) or a log index (`#12`).
    public func resolve(_ text: String) async throws -> LedgerRecord {
        if text.hasPrefix("#"), let index = UInt64(text.dropFirst()) {
            return try await record(at: index)
        }
        guard let id = RecordID(text) else {
            throw LedgerError(.badInput, "\"\(text)\" is neither a record id (sha256:<64 hex>) nor an index (#N)")
        }
        return try await record(id)
    }

    func record(entry: StoredEntry, registry: KeyRegistry?) async throws -> LedgerRecord {
        let envelope: Envelope
        let statement: Statement
        do {
            envelope = try Envelope(jsonBytes: entry.body)
            statement = try envelope.statement()
        } catch {
            throw LedgerError(
                .storage,
                "entry \(entry.index) no longer parses (\(error)); the store may have been altered"
            )
        }
        guard envelope.recordID == entry.recordID else {
            throw LedgerError(
                .storage,
                "entry \(entry.index) does not hash to its record id; the store may have been altered"
            )
        }
        var keys = registry
        if keys == nil { keys = try await keyRegistry() }
        guard let keys else { throw LedgerError(.internalError, "no key registry") }
        let verdict = keys.verify(envelope, statement: statement, index: entry.index, time: entry.integratedAt)
        let referring = try await storage { try await store.entries(referencing: entry.recordID) }
        var corrections: [LedgerRecord.Correction] = []
        for other in referring where other.predicateType == PredicateType.correction.rawValue {
            guard let otherEnvelope = try? Envelope(jsonBytes: other.body),
                let otherStatement = try? otherEnvelope.statement(),
                let correction = try? otherStatement.decodePredicate(as: CorrectionPredicate.self),
                correction.targetRecord == entry.recordID.description
            else { continue }
            let signers = otherEnvelope.signatures.map { keys.key(id: $0.keyID)?.name ?? String($0.keyID.prefix(16)) }
            corrections.append(
                LedgerRecord.Correction(
                    recordID: other.recordID,
                    index: other.index,
                    integratedAt: other.integratedAt,
                    action: correction.action,
                    reason: correction.reason,
                    replacement: correction.replacementRecord.flatMap { RecordID($0) },
                    by: signers
                )
            )
        }
        return LedgerRecord(
            entry: entry,
            envelope: envelope,
            statement: statement,
            verdict: verdict,
            corrections: corrections
        )
    }
}
