public import ColophonRecords
import ColophonStorage
import Foundation
import Synchronization

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
    private struct Submission: Sendable {
        let prepared: [Ledger.PreparedRecord]
        let continuation: CheckedContinuation<[AppendResult], any Error>
    }

    /// Submissions waiting for the next group, whether a commit task is running, and how many
    /// are still on their way (being parsed and having signatures checked): the group a commit
    /// could still gather. Behind a lock rather than the actor: a submission queues without
    /// waiting for the actor, which is often busy judging the group in flight.
    private struct Queue {
        var waiting: [Submission] = []
        var draining = false
        var arriving = 0
    }

    public let ledger: Ledger
    private let queue = Mutex(Queue())
    /// The keys as of `registrySize` entries; reloaded when another writer changed them. Behind
    /// a lock so submissions checking their signatures read it without the actor.
    private let keySnapshot = Mutex<KeyRegistry?>(nil)
    private var registry: KeyRegistry? {
        get { keySnapshot.withLock { $0 } }
        set { keySnapshot.withLock { $0 = newValue } }
    }
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
    /// - Parameter blobs: stored once the submission is accepted, as ``Ledger/append(_:blobs:)``.
    /// - Throws: ``LedgerError`` as ``Ledger/append(_:blobs:)`` does, or what `admit` throws.
    public nonisolated func append(
        _ envelopes: [Envelope],
        blobs: [[UInt8]] = [],
        admit: @Sendable ([String]) throws -> Void = { _ in }
    ) async throws -> [AppendResult] {
        queue.withLock { $0.arriving += 1 }
        var queued = false
        defer {
            if !queued { queue.withLock { $0.arriving -= 1 } }
        }
        let snapshot = try await keys()
        let prepared = try await ledger.prepare(envelopes, registry: snapshot, blobs: blobs)
        var verified: [String] = []
        for record in prepared {
            for (signature, check) in zip(record.envelope.signatures, record.cryptoChecks) where check == true {
                verified.append(signature.keyID)
            }
        }
        try admit(verified)
        queued = true
        return try await submit(prepared)
    }

    private nonisolated func keys() async throws -> KeyRegistry {
        if let registry = keySnapshot.withLock({ $0 }) { return registry }
        return try await ledger.keyRegistry()
    }

    private nonisolated func submit(_ prepared: [Ledger.PreparedRecord]) async throws -> [AppendResult] {
        try await withCheckedThrowingContinuation { continuation in
            let start = queue.withLock { queue in
                queue.waiting.append(Submission(prepared: prepared, continuation: continuation))
                queue.arriving -= 1
                defer { queue.draining = true }
                return !queue.draining
            }
            if start {
                // Above the submissions it serves: the commit chain is the bottleneck, and its
                // steps must not queue behind the signature checks of the next group.
                Task(priority: .high) { await self.drain() }
            }
        }
    }

    private func drain() async {
        while true {
            var group = take(orStop: true)
            guard !group.isEmpty else { return }
            // Every commit costs the database a round of fixed work (a transaction, a plan, a
            // flush). Under load, a small group waits briefly for the submissions still being
            // checked, so that work is shared; a lone submission never waits.
            let deadline = ContinuousClock.now + Self.gatheringWindow
            while group.count < Self.fullGroup, queue.withLock({ $0.arriving }) > 0, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .microseconds(250))
                group += take(orStop: false)
            }
            await commit(group)
        }
    }

    /// A group this size commits without waiting for more.
    static let fullGroup = 32
    /// The longest a group waits for submissions still being checked.
    static let gatheringWindow = Duration.milliseconds(2)

    /// Takes the waiting submissions; with `orStop`, marks the commit task finished when there
    /// are none (the next submission starts a new one).
    private func take(orStop: Bool) -> [Submission] {
        queue.withLock { queue in
            defer { queue.waiting = [] }
            if orStop, queue.waiting.isEmpty { queue.draining = false }
            return queue.waiting
        }
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
            // Every submission was refused: nothing to write, and no transaction to open.
            guard !accepted.isEmpty else {
                registry = keys
                registrySize = judgedSize
                return
            }
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
