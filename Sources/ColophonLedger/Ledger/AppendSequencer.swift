public import ColophonRecords
import ColophonStorage
import Foundation

/// Group commit: concurrent appends are gathered and written together, many submissions per
/// transaction and fsync, one checkpoint per group.
///
/// The expensive checks (parsing, schemas, signature cryptography) run in each caller's own
/// task, in parallel, against a snapshot of the keys; only the cheap, order-dependent part —
/// judging key states at each record's position — and the write are serialised. A submission
/// that fails fails alone (with all of its envelopes); the rest of its group is committed in
/// arrival order. While one group is being written the next one gathers, so groups grow with
/// the load and a lone writer still gets its answer after one fsync.
public actor AppendSequencer {
    private struct Submission {
        let prepared: [Ledger.PreparedRecord]
        let continuation: CheckedContinuation<[AppendResult], any Error>
    }

    public let ledger: Ledger
    private var queue: [Submission] = []
    private var draining = false
    /// The keys as of `registrySize` entries; reloaded when another writer changed them.
    private var registry: KeyRegistry?
    private var registrySize: UInt64 = 0

    public init(ledger: Ledger) {
        self.ledger = ledger
    }

    /// Appends one submission, waiting for the group commit that includes it.
    ///
    /// - Parameter admit: called once the signatures are checked, with the key ids whose
    ///   signatures verified (a server charges its per-key rate limits there, so envelopes that
    ///   merely claim someone's key id cannot spend that key's allowance); what it throws
    ///   rejects the submission before anything is queued.
    /// - Throws: ``LedgerError`` as ``Ledger/append(_:)`` does, or what `admit` throws.
    public nonisolated func append(
        _ envelopes: [Envelope],
        admit: @Sendable ([String]) throws -> Void = { _ in }
    ) async throws -> [AppendResult] {
        let snapshot = try await keys()
        let prepared = try await ledger.prepare(envelopes, registry: snapshot)
        var verified: [String] = []
        for record in prepared {
            for (signature, check) in zip(record.envelope.signatures, record.cryptoChecks) where check == true {
                verified.append(signature.keyID)
            }
        }
        try admit(verified)
        return try await submit(prepared)
    }

    private func keys() async throws -> KeyRegistry {
        if let registry { return registry }
        let loaded = try await ledger.keyRegistry()
        return loaded
    }

    private func submit(_ prepared: [Ledger.PreparedRecord]) async throws -> [AppendResult] {
        try await withCheckedThrowingContinuation { continuation in
            queue.append(Submission(prepared: prepared, continuation: continuation))
            if !draining {
                draining = true
                // Above the submissions it serves: the commit chain is the bottleneck, and its
                // steps must not queue behind the signature checks of the next group.
                Task(priority: .high) { await drain() }
            }
        }
    }

    private func drain() async {
        while !queue.isEmpty {
            let group = queue
            queue = []
            await commit(group)
        }
        draining = false
    }

    private func commit(_ group: [Submission], attempt: Int = 1) async {
        var accepted: [(submission: Submission, records: [Ledger.CheckedRecord])] = []
        var judged = false
        do {
            // The keys as of the size this sequencer last wrote at: no read at all while it is
            // the only writer. If another process appended meanwhile, the commit learns whether
            // a key record came in between (and then everything is judged again from the store).
            var keys: KeyRegistry
            let judgedSize: UInt64
            if let registry {
                keys = registry
                judgedSize = registrySize
            } else {
                let headSize = try await ledger.latestCheckpoint().size
                keys = try await ledger.keyRegistry()
                // Keys logged after the checkpoint was read count as before these records.
                judgedSize = max(headSize, keys.lastRecordIndex.map { $0 + 1 } ?? 0)
            }
            var next = judgedSize
            let now = Date()
            for submission in group {
                var trial = keys
                do {
                    let records = try await ledger.judge(
                        submission.prepared,
                        registry: &trial,
                        firstIndex: next,
                        now: now
                    )
                    keys = trial
                    next += UInt64(records.count)
                    accepted.append((submission, records))
                } catch {
                    submission.continuation.resume(throwing: error)
                }
            }
            judged = true
            let results: [AppendResult]
            do {
                results = try await ledger.commit(accepted.flatMap(\.records), judgedAt: judgedSize)
            } catch is KeysMoved {
                guard attempt < Ledger.maximumJudgeAttempts else { throw Ledger.keysKeptMoving }
                // Another process changed the keys meanwhile: judge the accepted again.
                registry = nil
                await commit(accepted.map(\.submission), attempt: attempt + 1)
                return
            }
            registry = keys
            registrySize = (results.filter(\.isNew).map(\.index).max()).map { $0 + 1 } ?? judgedSize
            var offset = 0
            for (submission, records) in accepted {
                submission.continuation.resume(returning: Array(results[offset..<(offset + records.count)]))
                offset += records.count
            }
        } catch {
            registry = nil
            // Before judging, nobody has been answered; after, only the accepted are waiting.
            let waiting = judged ? accepted.map(\.submission) : group
            for submission in waiting {
                submission.continuation.resume(throwing: error)
            }
        }
    }
}
