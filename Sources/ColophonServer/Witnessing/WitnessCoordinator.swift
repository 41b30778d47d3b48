import ColophonCrypto
import ColophonLedger
import ColophonLog
import ColophonStorage
import Foundation
import Logging
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Gets the log's checkpoints cosigned by the witnesses of a tlog-policy and publishes only
/// those that meet its quorum: clients that check the quorum then see one tree, because no
/// witness cosigns a checkpoint inconsistent with one it cosigned before.
///
/// Each witness is sent the newest checkpoint with a consistency proof from the size it last
/// cosigned (learnt from its 409 answers), as C2SP tlog-witness describes.
final class WitnessCoordinator: Sendable {
    let ledger: Ledger
    let policy: TlogPolicy
    let logger: Logger
    /// The newest checkpoint that met the quorum, with its cosignatures.
    private let published = Mutex<(size: UInt64, note: String)?>(nil)
    /// Per witness, the size it last cosigned for this log.
    private let known = Mutex<[String: UInt64]>([:])
    private let session: URLSession

    init(ledger: Ledger, policy: TlogPolicy, logger: Logger) {
        self.ledger = ledger
        self.policy = policy
        self.logger = logger
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 10
        session = URLSession(configuration: configuration)
    }

    /// The newest published (quorum-cosigned) checkpoint.
    var latest: (size: UInt64, note: String)? {
        published.withLock { $0 }
    }

    /// Keeps asking for cosignatures of the newest checkpoint until cancelled.
    func run() async {
        while !Task.isCancelled {
            do {
                let head = try await ledger.latestCheckpoint()
                if head.size > (latest?.size ?? 0) || latest == nil {
                    try await cosign(head)
                }
            } catch {
                logger.warning("witnessing failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Asks every witness in parallel; publishes the note if their cosignatures meet the quorum.
    func cosign(_ head: TreeHead) async throws {
        var note = try SignedNote(parsing: head.note)
        let lines = await withTaskGroup(of: [NoteSignature].self) { group in
            for witness in policy.witnesses.values {
                group.addTask { await self.ask(witness, head: head) }
            }
            var all: [NoteSignature] = []
            for await signatures in group { all += signatures }
            return all
        }
        for signature in lines { note.add(signature) }
        let text = note.serialized
        do {
            _ = try policy.verify(checkpointNote: text)
            published.withLock { current in
                if (current?.size ?? 0) <= head.size { current = (head.size, text) }
            }
        } catch {
            logger.info("checkpoint not published yet", metadata: ["size": "\(head.size)", "why": "\(error)"])
        }
    }

    /// A signed note's text, without its signatures.
    static func noteText(_ note: String) -> String {
        (try? SignedNote(parsing: note))?.text ?? ""
    }

    /// One witness's cosignatures of `head`, or none.
    private func ask(_ witness: TlogPolicy.Witness, head: TreeHead) async -> [NoteSignature] {
        guard let base = witness.url,
            let url = URL(string: base.hasSuffix("/") ? base + "add-checkpoint" : base + "/add-checkpoint")
        else { return [] }
        for _ in 0..<3 {
            let old = known.withLock { $0[witness.name] } ?? 0
            guard old <= head.size else { return [] }
            do {
                var proof: [[UInt8]] = []
                if old > 0 && old < head.size {
                    proof = try await ledger.consistencyProof(from: old, to: head.size).proof.map(\.bytes)
                }
                let body = AddCheckpointRequest(oldSize: old, proof: proof, note: head.note).body
                var request = URLRequest(url: url)
                request.httpMethod = "POST"
                request.httpBody = Data(body.utf8)
                let (data, response) = try await session.data(for: request)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                let text = String(decoding: data, as: UTF8.self)
                switch status {
                case 200:
                    known.withLock { $0[witness.name] = head.size }
                    // Only lines that verify under this witness's key: one faulty witness must
                    // not spoil a note that the others' cosignatures would publish.
                    let noteBody = Self.noteText(head.note)
                    return noteBody.isEmpty
                        ? []
                        : text.split(separator: "\n").compactMap { line in
                            guard let signature = try? NoteSignature(line: String(line)) else { return nil }
                            let single = SignedNote(text: noteBody, signatures: [signature])
                            return (try? single.verify([witness.verifier])) == nil ? nil : signature
                        }
                case 409:
                    guard let size = UInt64(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return [] }
                    known.withLock { $0[witness.name] = size }
                default:
                    logger.warning(
                        "witness refused the checkpoint",
                        metadata: [
                            "witness": "\(witness.name)", "status": "\(status)", "answer": "\(text.prefix(200))",
                        ]
                    )
                    return []
                }
            } catch {
                logger.warning("witness unreachable", metadata: ["witness": "\(witness.name)", "error": "\(error)"])
                return []
            }
        }
        return []
    }
}
