import ColophonCrypto
public import ColophonRecords
import ColophonStorage
import Foundation

extension Ledger {
    /// Appends signed records: each must be a canonical in-toto statement (Colophon predicates
    /// valid against their schemas), signed only by registered keys that are valid now, and
    /// consistent with the log (key records, corrections). All are checked before any is
    /// written; if one fails, none is appended.
    ///
    /// - Throws: ``LedgerError`` `.invalid` or `.badInput` naming the first failing record.
    public func append(_ envelopes: [Envelope]) async throws -> [AppendResult] {
        let checked = try await check(envelopes)
        return try await commit(checked)
    }

    /// A record that passed every check, ready to store.
    struct CheckedRecord: Sendable {
        var envelope: Envelope
        var pending: PendingEntry
        var verdict: RecordVerdict
    }

    /// Checks envelopes against the log as it is now, in order, so a key registered early in
    /// the batch may sign records later in it.
    func check(_ envelopes: [Envelope]) async throws -> [CheckedRecord] {
        var registry = try await keyRegistry()
        let statements = try await Self.parse(envelopes)
        let head = try await storage { try await store.latestHead() }
        let cryptoChecks = await Self.verifySignatures(envelopes, statements: statements, registry: registry)
        var checked: [CheckedRecord] = []
        var batchRecords: [RecordID: Envelope] = [:]
        let now = Date()
        for (position, envelope) in envelopes.enumerated() {
            let statement = statements[position]
            let label =
                envelopes.count > 1 ? "record \(position + 1) (\(envelope.recordID))" : "record \(envelope.recordID)"
            let index = head.size + UInt64(checked.count)
            let verdict = registry.verify(
                envelope,
                statement: statement,
                index: index,
                time: now,
                cryptoChecks: cryptoChecks[position]
            )
            guard verdict.isValid else {
                throw LedgerError(.invalid, "\(label): \(verdict.problem ?? "invalid signature")")
            }
            do {
                if statement.colophonType == .key {
                    let predicate = try statement.decodePredicate(as: KeyPredicate.self)
                    try registry.apply(predicate, statement: statement, envelope: envelope, index: index, time: now)
                }
                if statement.colophonType == .correction {
                    try await checkCorrection(
                        statement,
                        signers: envelope.signatures.map(\.keyID),
                        registry: registry,
                        batch: batchRecords
                    )
                }
            } catch let error as LedgerError {
                throw LedgerError(error.code, "\(label): \(error.reason)")
            }
            batchRecords[envelope.recordID] = envelope
            let body: [UInt8]
            do {
                body = try envelope.canonicalBytes()
            } catch {
                throw LedgerError(.badInput, "\(label): \(error.reason)")
            }
            let pending = PendingEntry(
                recordID: envelope.recordID,
                body: body,
                predicateType: statement.predicateType,
                subjects: statement.subjects.flatMap { subject in
                    subject.digest.map { SubjectDigest(algorithm: $0.key, value: $0.value) }
                },
                references: statement.referencedRecords,
                signers: envelope.signatures.map(\.keyID)
            )
            checked.append(CheckedRecord(envelope: envelope, pending: pending, verdict: verdict))
        }
        return checked
    }

    /// Writes checked records in one transaction (one fsync, one new checkpoint).
    func commit(_ records: [CheckedRecord]) async throws -> [AppendResult] {
        let integrator = self.integrator
        let outcomes = try await storage {
            try await store.append(records.map(\.pending)) { try integrator.integrate($0) }
        }
        return zip(records, outcomes).map { record, outcome in
            AppendResult(
                recordID: outcome.recordID,
                index: outcome.index,
                isNew: outcome.isNew,
                verdict: record.verdict
            )
        }
    }

    /// Parses every envelope's statement, in parallel.
    static func parse(_ envelopes: [Envelope]) async throws -> [Statement] {
        let results = await Parallel.map(envelopes) { envelope in
            Result { () throws(RecordError) in try envelope.statement() }
        }
        return try results.enumerated().map { position, result in
            do {
                return try result.get()
            } catch {
                let label = envelopes.count > 1 ? "record \(position + 1)" : "the record"
                throw LedgerError(.badInput, "\(label): \((error as? RecordError)?.reason ?? "\(error)")")
            }
        }
    }

    /// Checks signature cryptography in parallel against the registry and any keys the batch
    /// itself registers; key status is judged afterwards, in order.
    static func verifySignatures(
        _ envelopes: [Envelope],
        statements: [Statement],
        registry: KeyRegistry
    ) async -> [[Bool]] {
        var introduced: [String: VerifyingKey] = [:]
        for statement in statements {
            for (keyID, key) in KeyRegistry.introducedKeys(statement) {
                introduced[keyID] = key.verifying
            }
        }
        let known = introduced
        return await Parallel.map(envelopes) { envelope in
            envelope.signatures.map { signature in
                guard let key = registry.key(id: signature.keyID)?.verifyingKey ?? known[signature.keyID] else {
                    return false
                }
                return envelope.verifies(signature, with: key)
            }
        }
    }
}
