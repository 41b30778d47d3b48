public import ColophonCrypto
import ColophonRecords
import Foundation
import Synchronization

/// A C2SP tlog-witness: cosigns a log's checkpoint only when it is consistent with every
/// checkpoint of that log it cosigned before, so a log cannot show two different trees to two
/// clients that both trust this witness.
///
/// What it last cosigned for each log is written to its state file before it answers, and the
/// check and the update happen under one lock: a checkpoint is never cosigned against stale
/// state.
public final class Witness: Sendable {
    /// What the witness remembers of one log.
    struct LogState: Codable, Hashable {
        var size: UInt64
        var root: String
    }

    public let signer: NoteSigner
    public let logs: [NoteVerifier]
    public let statePath: String
    private let state: Mutex<[String: LogState]>

    /// - Parameters:
    ///   - signer: the witness's cosignature/v1 key.
    ///   - logs: the logs it witnesses (by their checkpoint keys).
    ///   - statePath: the JSON file of the latest cosigned checkpoint per origin; created if absent.
    /// - Throws: ``LogError`` when the state file exists but is unreadable.
    public init(signer: NoteSigner, logs: [NoteVerifier], statePath: String) throws(LogError) {
        guard signer.verifier.type == .cosignatureV1 else {
            throw LogError(.malformedKey, "a witness signs with a cosignature/v1 key")
        }
        self.signer = signer
        self.logs = logs
        self.statePath = statePath
        var loaded: [String: LogState] = [:]
        if FileManager.default.fileExists(atPath: statePath) {
            do {
                loaded = try JSONDecoder().decode(
                    [String: LogState].self,
                    from: Data(contentsOf: URL(fileURLWithPath: statePath))
                )
            } catch {
                throw LogError(.malformedCheckpoint, "the witness state \(statePath) is unreadable: \(error)")
            }
        }
        state = Mutex(loaded)
    }

    /// The size and root the witness last cosigned for `origin`.
    public func latest(origin: String) -> (size: UInt64, root: SHA256Digest)? {
        state.withLock { table in
            table[origin].flatMap { entry in
                Base64.decode(entry.root).flatMap(SHA256Digest.init(bytes:)).map { (entry.size, $0) }
            }
        }
    }

    /// Answers an add-checkpoint request body, as of `now` (seconds since the epoch; the
    /// system clock when `nil`).
    public func addCheckpoint(_ body: [UInt8], now: UInt64? = nil) -> WitnessReply {
        let now = now ?? UInt64(max(0, Date().timeIntervalSince1970))
        let request: AddCheckpointRequest
        let note: SignedNote
        let checkpoint: Checkpoint
        do {
            request = try AddCheckpointRequest(parsing: body)
            note = try SignedNote(parsing: request.note)
            checkpoint = try Checkpoint(text: note.text)
        } catch {
            return WitnessReply(status: 400, body: error.reason + "\n")
        }
        let verifiers = logs.filter { $0.name == checkpoint.origin }
        guard !verifiers.isEmpty else {
            return WitnessReply(status: 404, body: "this witness does not witness \(checkpoint.origin)\n")
        }
        do {
            try note.verify(verifiers)
        } catch {
            return WitnessReply(status: 403, body: "no valid signature of \(checkpoint.origin): \(error.reason)\n")
        }
        guard request.oldSize <= checkpoint.size else {
            return WitnessReply(
                status: 400,
                body: "old size \(request.oldSize) exceeds the checkpoint's \(checkpoint.size)\n"
            )
        }
        return state.withLock { table in
            let known = table[checkpoint.origin]
            let knownSize = known?.size ?? 0
            guard request.oldSize == knownSize else {
                return WitnessReply(status: 409, contentType: WitnessReply.sizeType, body: "\(knownSize)\n")
            }
            if let known, let root = Base64.decode(known.root), knownSize > 0 {
                do {
                    try MerkleProof.verifyConsistency(
                        size1: knownSize,
                        size2: checkpoint.size,
                        root1: root,
                        root2: checkpoint.root.bytes,
                        proof: request.proof
                    )
                } catch {
                    return WitnessReply(
                        status: 422,
                        body:
                            "checkpoint \(checkpoint.size) is not consistent with the cosigned \(knownSize): \(error)\n"
                    )
                }
            } else {
                guard request.proof.isEmpty else {
                    return WitnessReply(status: 422, body: "a proof from size 0 must be empty\n")
                }
                if checkpoint.size == 0 && checkpoint.root != RFC6962.emptyRoot {
                    return WitnessReply(status: 422, body: "an empty tree's root is SHA-256 of nothing\n")
                }
            }
            let updated = LogState(size: checkpoint.size, root: Base64.encode(checkpoint.root.bytes))
            if updated != known {
                var next = table
                next[checkpoint.origin] = updated
                do {
                    // Persisted before the answer: a restart never forgets what was cosigned.
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                    try AtomicFile.replace(Array(try encoder.encode(next)), at: statePath)
                } catch {
                    return WitnessReply(status: 500, body: "the witness cannot save its state: \(error)\n")
                }
                table = next
            }
            do {
                let signature = try signer.sign(text: Array(note.text.utf8), timestamp: now)
                return WitnessReply(status: 200, body: signature.line + "\n")
            } catch {
                return WitnessReply(status: 500, body: "the witness cannot sign: \(error)\n")
            }
        }
    }
}
