import ColophonCrypto
public import ColophonRecords
public import Foundation

/// Every key the log knows, rebuilt from its `key` records, and the rules for judging a
/// signature against them.
public struct KeyRegistry: Sendable {
    public internal(set) var keys: [String: KeyState] = [:]
    /// The index of the last key record read into the registry: judging against these keys
    /// must happen at a later index, even if a checkpoint read before them was smaller.
    public internal(set) var lastRecordIndex: UInt64?

    public init() {}

    /// The key with this id.
    public func key(id: String) -> KeyState? {
        keys[id]
    }

    /// The active key with this name.
    public func activeKey(named name: String) -> KeyState? {
        keys.values.first { $0.name == name && $0.isActive }
    }

    /// All keys of that name, newest registration first.
    public func keys(named name: String) -> [KeyState] {
        keys.values.filter { $0.name == name }.sorted { $0.registeredAt > $1.registeredAt }
    }

    /// Judges every signature of `envelope` as of log position `index` (nil: not logged, judged
    /// as of now) and log time `time`.
    ///
    /// - Parameter cryptoChecks: signature validity already computed (in parallel, say), by
    ///   signature position; computed here where absent or `nil`.
    public func verify(
        _ envelope: Envelope,
        statement: Statement?,
        index: UInt64?,
        time: Date,
        cryptoChecks: [Bool?]? = nil
    ) -> RecordVerdict {
        let introduced = Self.introducedKeys(statement)
        let verdicts = envelope.signatures.enumerated().map { position, signature -> SignatureVerdict in
            if let state = keys[signature.keyID] {
                let verifies = cryptoChecks?[position] ?? envelope.verifies(signature, with: state.verifyingKey)
                guard verifies else {
                    return SignatureVerdict(
                        keyID: signature.keyID,
                        keyName: state.name,
                        role: state.role.rawValue,
                        valid: false,
                        problem: "the signature by key \(state.name) does not verify"
                    )
                }
                let problem = state.problem(index: index, time: time)
                return SignatureVerdict(
                    keyID: signature.keyID,
                    keyName: state.name,
                    role: state.role.rawValue,
                    valid: problem == nil,
                    problem: problem
                )
            }
            if let key = introduced[signature.keyID] {
                let valid = cryptoChecks?[position] ?? envelope.verifies(signature, with: key.verifying)
                return SignatureVerdict(
                    keyID: signature.keyID,
                    keyName: key.name,
                    role: key.role,
                    valid: valid,
                    problem: valid ? nil : "the signature by the key being registered does not verify"
                )
            }
            let shown = signature.keyID.isEmpty ? "a signature without a key id" : "key \(signature.keyID.prefix(16))…"
            return SignatureVerdict(
                keyID: signature.keyID,
                keyName: nil,
                role: nil,
                valid: false,
                problem: "\(shown) is not registered in this ledger"
            )
        }
        return RecordVerdict(recordID: envelope.recordID, signatures: verdicts)
    }

    /// Keys a register or rotate record brings in, which sign it to prove possession.
    static func introducedKeys(
        _ statement: Statement?
    ) -> [String: (name: String, role: String, verifying: VerifyingKey)] {
        guard let statement, statement.colophonType == .key,
            let predicate = try? statement.decodePredicate(as: KeyPredicate.self),
            predicate.action != .revoke, let pem = predicate.publicKey,
            let key = try? VerifyingKey(pem: pem), key.keyID == predicate.keyId
        else { return [:] }
        return [predicate.keyId: (predicate.name ?? "?", predicate.role?.rawValue ?? "?", key)]
    }
}
