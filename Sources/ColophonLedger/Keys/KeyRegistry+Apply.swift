import ColophonCrypto
public import ColophonRecords
public import Foundation

extension KeyRegistry {
    /// Applies a `key` record at log position `index`, after checking that it is a legitimate
    /// registration, rotation or revocation. Its signatures must already have been verified.
    ///
    /// - Throws: ``LedgerError`` `.invalid` naming what is wrong.
    public mutating func apply(
        _ predicate: KeyPredicate,
        statement: Statement,
        envelope: Envelope,
        index: UInt64,
        time: Date
    ) throws(LedgerError) {
        let signers = Set(envelope.signatures.map(\.keyID))
        guard statement.subjects.contains(where: { $0.sha256 == predicate.keyId }) else {
            throw LedgerError(.invalid, "a key record's subject must carry the key id as its sha256 digest")
        }
        switch predicate.action {
        case .register, .rotate:
            let state = try newKeyState(predicate, index: index, time: time)
            guard keys[predicate.keyId] == nil else {
                throw LedgerError(.invalid, "key \(predicate.keyId.prefix(16))… is already registered")
            }
            guard signers.contains(predicate.keyId) else {
                throw LedgerError(.invalid, "a key record must be signed by the key it registers (proof of possession)")
            }
            if predicate.action == .register {
                if let holder = activeKey(named: state.name) {
                    throw LedgerError(
                        .invalid,
                        "the name \(state.name) is held by active key \(holder.keyID.prefix(16))…; rotate it instead"
                    )
                }
            } else {
                guard let previousID = predicate.previousKeyId, var previous = keys[previousID], previous.isActive
                else {
                    throw LedgerError(.invalid, "the key being rotated out is not an active key of this ledger")
                }
                guard signers.contains(previousID) else {
                    throw LedgerError(.invalid, "a rotation must also be signed by the key it replaces")
                }
                previous.rotation = (index, time, predicate.keyId)
                keys[previousID] = previous
            }
            keys[predicate.keyId] = state
        case .revoke:
            guard var state = keys[predicate.keyId] else {
                throw LedgerError(.invalid, "key \(predicate.keyId.prefix(16))… is not registered")
            }
            guard state.revocation == nil else {
                throw LedgerError(.invalid, "key \(state.name) is already revoked")
            }
            let successor = state.rotation?.successor
            let authorised = signers.contains { signer in
                signer == predicate.keyId || signer == successor
                    || (keys[signer].map { $0.role == .log && $0.isActive } ?? false)
            }
            guard authorised else {
                throw LedgerError(
                    .invalid,
                    "a revocation must be signed by the key itself, its successor, or the ledger's log key"
                )
            }
            state.revocation = (index, time, predicate.reason ?? "", predicate.compromisedAt?.date)
            keys[predicate.keyId] = state
        }
    }

    private func newKeyState(_ predicate: KeyPredicate, index: UInt64, time: Date) throws(LedgerError) -> KeyState {
        guard let name = predicate.name, let role = predicate.role, let pem = predicate.publicKey else {
            throw LedgerError(.invalid, "a key registration needs a name, a role and a public key")
        }
        let key: VerifyingKey
        do {
            key = try VerifyingKey(pem: pem)
        } catch {
            throw LedgerError(.invalid, "the public key in the key record is unusable: \(error)")
        }
        guard key.keyID == predicate.keyId else {
            throw LedgerError(.invalid, "keyId is not the SHA-256 of the public key's SubjectPublicKeyInfo")
        }
        guard key.algorithm.rawValue == predicate.algorithm else {
            throw LedgerError(
                .invalid,
                "the key is \(key.algorithm.rawValue), but the record says \(predicate.algorithm ?? "nothing")"
            )
        }
        return KeyState(
            keyID: predicate.keyId,
            name: name,
            role: role,
            verifyingKey: key,
            publicKeyPEM: pem,
            owner: predicate.owner,
            registeredAt: index,
            registeredTime: time,
            previousKeyID: predicate.previousKeyId
        )
    }
}
