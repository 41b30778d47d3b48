import ColophonCrypto
import ColophonLog
public import ColophonRecords
import ColophonStorage
import Foundation
import Synchronization

extension Ledger {
    /// Appends signed records: each must be a canonical in-toto statement (Colophon predicates
    /// valid against their schemas), signed only by registered keys that are valid now, and
    /// consistent with the log (key records, corrections). All are checked before any is
    /// written; if one fails, none is appended.
    ///
    /// - Parameter blobs: blobs the records cite, stored only once every record has passed its
    ///   checks, so a refused append leaves the store as it was.
    /// - Throws: ``LedgerError`` `.invalid` or `.badInput` naming the first failing record.
    public func append(_ envelopes: [Envelope], blobs: [[UInt8]] = []) async throws -> [AppendResult] {
        var attempt = 1
        while true {
            // The checkpoint first: the keys read after it know at least every key it covers.
            let head = try await storage { try await store.latestHead() }
            var registry = try await keyRegistry()
            // Keys logged after the checkpoint was read count as before these records.
            let judgedSize = max(head.size, registry.lastRecordIndex.map { $0 + 1 } ?? 0)
            let prepared = try await prepare(envelopes, registry: registry, blobs: blobs)
            let checked = try await judge(prepared, registry: &registry, firstIndex: judgedSize, now: Date())
            do {
                return try await commit(checked, judgedAt: judgedSize)
            } catch is KeysMoved {
                guard attempt < Self.maximumJudgeAttempts else { throw Self.keysKeptMoving }
                attempt += 1
            }
        }
    }

    /// How many times an append is judged again when other writers keep changing the keys
    /// under it.
    static let maximumJudgeAttempts = 8

    static var keysKeptMoving: LedgerError {
        LedgerError(.storage, "other writers kept changing the log's keys; nothing was appended (try again)")
    }

    /// Appends one signed envelope and returns where it went; `what` names it in the error.
    func appendOne(_ envelope: Envelope, what: String, blobs: [[UInt8]] = []) async throws -> AppendResult {
        guard let result = try await append([envelope], blobs: blobs).first else {
            throw LedgerError(.internalError, "\(what) was not appended")
        }
        return result
    }

    /// Appends records whose signatures were verified elsewhere — a restore from a backup, or
    /// a mirror of a log checked by its own verifier. Statements are still parsed (they are
    /// indexed and must be canonical) but signatures and key states are not checked.
    ///
    /// Large inputs are written in transactions of `chunk` records, parsing the next chunk
    /// while the previous one is being written.
    public func importVerified(_ envelopes: [Envelope], chunk: Int = 65_536) async throws -> [AppendResult] {
        var results: [AppendResult] = []
        results.reserveCapacity(envelopes.count)
        var writing: Task<[AppendResult], any Error>?
        var start = 0
        while start < envelopes.count {
            let checked = try await Self.checkedWithoutSignatures(
                Array(envelopes[start..<min(envelopes.count, start + chunk)]),
                offset: start
            )
            if let writing { results += try await writing.value }
            writing = Task { try await self.commit(checked) }
            start += chunk
        }
        if let writing { results += try await writing.value }
        return results
    }

    static func checkedWithoutSignatures(_ envelopes: [Envelope], offset: Int) async throws -> [CheckedRecord] {
        let results = await Parallel.map(envelopes) { envelope in
            Result { () throws -> CheckedRecord in
                let statement = try envelope.statement()
                let verdict = RecordVerdict(
                    recordID: envelope.recordID,
                    signatures: envelope.signatures.map {
                        SignatureVerdict(keyID: $0.keyID, keyName: nil, role: nil, valid: true, problem: nil)
                    }
                )
                return CheckedRecord(
                    envelope: envelope,
                    pending: try Self.pending(envelope, statement),
                    verdict: verdict
                )
            }
        }
        return try results.enumerated().map { position, result in
            do {
                return try result.get()
            } catch {
                throw LedgerError(
                    .badInput,
                    "record \(offset + position + 1): \((error as? RecordError)?.reason ?? "\(error)")"
                )
            }
        }
    }

    /// A record whose signatures were checked cryptographically, not yet judged against the
    /// key states of the log at its position.
    struct PreparedRecord: Sendable {
        var envelope: Envelope
        var statement: Statement
        var pending: PendingEntry
        /// Per signature: valid, invalid, or `nil` when its key was unknown to the snapshot.
        var cryptoChecks: [Bool?]
        /// Blobs to store with this record (and the others of its call) once all are accepted.
        var blobs: [[UInt8]] = []
    }

    /// A record that passed every check, ready to store.
    struct CheckedRecord: Sendable {
        var envelope: Envelope
        var pending: PendingEntry
        var verdict: RecordVerdict
        var blobs: [[UInt8]] = []
    }

    /// The expensive, order-independent part of checking: parsing, schema validation and
    /// signature cryptography, spread over the cores. A key's public key never changes (its
    /// id is the key's hash), so checks against a registry snapshot stay true; only key
    /// states need the log's order, and ``judge(_:registry:firstIndex:now:)`` applies them.
    ///
    /// - Parameter blobs: carried by the first record: a call's records are accepted or refused
    ///   together, and so are its blobs.
    func prepare(
        _ envelopes: [Envelope],
        registry: KeyRegistry,
        blobs: [[UInt8]] = []
    ) async throws
        -> [PreparedRecord]
    {
        var introduced: [String: VerifyingKey] = [:]
        let results = await Parallel.map(envelopes) { envelope in
            Result { () throws -> (Statement, PendingEntry) in
                let statement = try envelope.statement()
                return (statement, try Self.pending(envelope, statement))
            }
        }
        var parsed: [(Envelope, Statement, PendingEntry)] = []
        for (position, result) in results.enumerated() {
            let label = envelopes.count > 1 ? "record \(position + 1)" : "the record"
            do {
                let (statement, pending) = try result.get()
                for (keyID, key) in KeyRegistry.introducedKeys(statement) {
                    introduced[keyID] = key.verifying
                }
                parsed.append((envelopes[position], statement, pending))
            } catch let error as RecordError {
                // A payload that no longer reads, under a signature of a known key that no
                // longer verifies, is an altered record: a verdict, not malformed input.
                let envelope = envelopes[position]
                let altered = envelope.signatures.contains { signature in
                    registry.key(id: signature.keyID).map { !envelope.verifies(signature, with: $0.verifyingKey) }
                        ?? false
                }
                if altered { throw LedgerError(.invalid, "\(label) was altered: \(error.reason)") }
                throw LedgerError(.badInput, "\(label): \(error.reason)")
            } catch let error as LedgerError {
                throw LedgerError(error.code, "\(label): \(error.reason)")
            }
        }
        let known = introduced
        var prepared = await Parallel.map(parsed) { envelope, statement, pending in
            let checks = envelope.signatures.map { signature -> Bool? in
                guard let key = registry.key(id: signature.keyID)?.verifyingKey ?? known[signature.keyID] else {
                    return nil
                }
                return envelope.verifies(signature, with: key)
            }
            return PreparedRecord(envelope: envelope, statement: statement, pending: pending, cryptoChecks: checks)
        }
        if !prepared.isEmpty { prepared[0].blobs = blobs }
        return prepared
    }

    /// Judges prepared records in order against the log as `registry` describes it, as if
    /// appended from `firstIndex`, so a key registered early in the batch may sign records
    /// later in it. Key records update `registry`.
    func judge(
        _ prepared: [PreparedRecord],
        registry: inout KeyRegistry,
        firstIndex: UInt64,
        now: Date
    ) async throws -> [CheckedRecord] {
        var checked: [CheckedRecord] = []
        var batchRecords: [RecordID: Envelope] = [:]
        for (position, record) in prepared.enumerated() {
            let envelope = record.envelope
            let statement = record.statement
            // Only for errors: formatting the record id for every record cost the commit path.
            func label() -> String {
                prepared.count > 1 ? "record \(position + 1) (\(envelope.recordID))" : "record \(envelope.recordID)"
            }
            let index = firstIndex + UInt64(checked.count)
            let verdict = registry.verify(
                envelope,
                statement: statement,
                index: index,
                time: now,
                cryptoChecks: record.cryptoChecks
            )
            guard verdict.isValid else {
                throw LedgerError(.invalid, "\(label()): \(verdict.problem ?? "invalid signature")")
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
                throw LedgerError(error.code, "\(label()): \(error.reason)")
            }
            batchRecords[envelope.recordID] = envelope
            checked.append(
                CheckedRecord(envelope: envelope, pending: record.pending, verdict: verdict, blobs: record.blobs)
            )
        }
        return checked
    }

    /// The entry to store for a record, with the facts it is indexed by.
    static func pending(_ envelope: Envelope, _ statement: Statement) throws -> PendingEntry {
        let body: [UInt8]
        do {
            body = try envelope.canonicalBytes()
        } catch {
            throw LedgerError(.badInput, error.reason)
        }
        return PendingEntry(
            recordID: envelope.recordID,
            body: body,
            leafHash: RFC6962.leafHash(body),
            predicateType: statement.predicateType,
            subjects: statement.subjects.flatMap { subject in
                subject.digest.map { SubjectDigest(algorithm: $0.key, value: $0.value) }
            },
            references: statement.referencedRecords,
            signers: envelope.signatures.map(\.keyID)
        )
    }

    /// Writes checked records in one transaction (one fsync, one new checkpoint).
    /// Writes checked records.
    ///
    /// - Parameter judgedAt: the log size the records were judged at. Another process may append
    ///   in between; if what it appended includes a key record, the judgement is stale and
    ///   nothing is written (``KeysMoved``). Other entries in between change nothing a judgement
    ///   depends on.
    func commit(_ records: [CheckedRecord], judgedAt: UInt64? = nil) async throws -> [AppendResult] {
        let integrator = self.integrator
        let moved = Mutex(false)
        let watching: Set<String> = judgedAt == nil ? [] : [PredicateType.key.rawValue]
        // Blobs go in after every check and before the records that cite them: content-addressed,
        // so storing one again on a retry changes nothing.
        for blob in records.flatMap(\.blobs) {
            _ = try await storage { try await store.putBlob(blob) }
        }
        let outcomes: [AppendOutcome]
        do {
            outcomes = try await storage {
                try await store.append(records.map(\.pending), watching: watching) { input in
                    if let judgedAt, input.previous.size != judgedAt, let last = input.lastWatchedIndex,
                        last >= judgedAt
                    {
                        moved.withLock { $0 = true }
                        throw StorageError(.conflict, "the keys changed while the records were being checked")
                    }
                    return try integrator.integrate(input)
                }
            }
        } catch  where moved.withLock({ $0 }) {
            throw KeysMoved()
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
}

/// An append judged against keys that another writer changed before it was written; nothing
/// was written, and it is judged again.
struct KeysMoved: Error {}
