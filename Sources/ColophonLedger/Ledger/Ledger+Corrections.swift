import ColophonCrypto
public import ColophonRecords
import ColophonStorage
import Foundation

extension Ledger {
    /// Appends a `correction` record about `target`. Nothing is deleted: the target stays in the
    /// log, and every report of it shows the correction.
    public func correct(
        _ target: RecordID,
        action: CorrectionPredicate.Action,
        reason: String,
        replacement: RecordID? = nil,
        keyName: String? = nil,
        passphrase: String? = nil
    ) async throws -> AppendResult {
        let (key, _) = try await signingKey(named: keyName, passphrase: passphrase)
        let statement = try Self.correction(of: target, action: action, reason: reason, replacement: replacement)
        return try await appendOne(try Envelope.sign(statement, with: key), what: "the correction")
    }

    /// The statement of a correction: its subject carries the target's id as its digest.
    static func correction(
        of target: RecordID,
        action: CorrectionPredicate.Action,
        reason: String,
        replacement: RecordID? = nil
    ) throws -> Statement {
        var predicate = CorrectionPredicate(action: action, targetRecord: target.description, reason: reason)
        predicate.replacementRecord = replacement?.description
        predicate.status = action == .dispute ? "open" : nil
        do {
            return try Statement(subjects: [Subject(name: "record", sha256: target.digest.hex)], predicate: predicate)
        } catch {
            throw LedgerError(.badInput, "\(error)")
        }
    }

    /// A correction must name a record that exists; only a signer of the target (or the key
    /// that replaced one by rotation) may retract or supersede it, while anyone may dispute.
    func checkCorrection(
        _ statement: Statement,
        signers: [String],
        registry: KeyRegistry,
        batch: [RecordID: Envelope]
    ) async throws {
        let predicate = try statement.decodePredicate(as: CorrectionPredicate.self)
        guard let target = RecordID(predicate.targetRecord) else {
            throw LedgerError(.badInput, "targetRecord is not a record id")
        }
        guard statement.subjects.contains(where: { $0.sha256 == target.digest.hex }) else {
            throw LedgerError(.invalid, "a correction's subject must carry the target record id as its sha256 digest")
        }
        let targetSigners: [String]
        if let envelope = batch[target] {
            targetSigners = envelope.signatures.map(\.keyID)
        } else if let entry = try await storage({ try await store.entry(recordID: target) }) {
            targetSigners = try Envelope(jsonBytes: entry.body).signatures.map(\.keyID)
        } else {
            throw LedgerError(.notFound, "the corrected record \(target) is not in this ledger")
        }
        if predicate.action == .supersede {
            guard let replacement = predicate.replacementRecord.flatMap({ RecordID($0) }), replacement != target else {
                throw LedgerError(.badInput, "a supersede needs a replacement record other than the target")
            }
            var present = batch[replacement] != nil
            if !present {
                present = try await storage({ try await store.entry(recordID: replacement) }) != nil
            }
            guard present else {
                throw LedgerError(.notFound, "the replacement record \(replacement) is not in this ledger")
            }
        }
        guard predicate.action != .dispute else { return }
        // Follow rotations forward: the current holder of a target signer's identity may correct.
        var entitled = Set(targetSigners)
        var frontier = targetSigners
        while let keyID = frontier.popLast() {
            if let successor = registry.key(id: keyID)?.rotation?.successor, entitled.insert(successor).inserted {
                frontier.append(successor)
            }
        }
        guard signers.contains(where: entitled.contains) else {
            throw LedgerError(
                .invalid,
                "only a signer of the record may \(predicate.action.rawValue) it; others may --dispute"
            )
        }
    }
}
