public import ColophonCrypto
public import ColophonRecords
import ColophonStorage
public import Foundation

extension Ledger {
    /// Rebuilds the key registry from the log's `key` records, checking each one again.
    ///
    /// - Throws: ``LedgerError`` `.storage` if a stored key record no longer checks out — a sign
    ///   the store was altered outside Colophon.
    public func keyRegistry() async throws -> KeyRegistry {
        let entries = try await storage { try await store.entries(predicateType: PredicateType.key.rawValue) }
        var registry = KeyRegistry()
        for entry in entries {
            registry.lastRecordIndex = entry.index
            do {
                let envelope = try Envelope(jsonBytes: entry.body)
                let statement = try envelope.statement()
                let verdict = registry.verify(
                    envelope,
                    statement: statement,
                    index: entry.index,
                    time: entry.integratedAt
                )
                guard verdict.isValid else { throw LedgerError(.invalid, verdict.problem ?? "invalid") }
                try registry.apply(
                    try statement.decodePredicate(as: KeyPredicate.self),
                    statement: statement,
                    envelope: envelope,
                    index: entry.index,
                    time: entry.integratedAt
                )
            } catch {
                throw LedgerError(
                    .storage,
                    "key record at entry \(entry.index) does not check out (\(error)); the store may have been altered"
                )
            }
        }
        return registry
    }

    /// Makes a new signing key, stores it in the keyring (mode 0600), and registers it with a
    /// `key` record signed by the key itself.
    public func createKey(
        name: String,
        role: KeyPredicate.Role,
        owner: Party? = nil,
        algorithm: SignatureAlgorithm = .ed25519,
        passphrase: String? = nil
    ) async throws -> (key: KeyState, record: AppendResult) {
        try Self.checkKeyName(name)
        let registry = try await keyRegistry()
        if let holder = registry.activeKey(named: name) {
            throw LedgerError(
                .badInput,
                "a key named \(name) already exists (\(holder.keyID.prefix(16))…); use colophon key rotate"
            )
        }
        guard !keyring.contains(name) else {
            throw LedgerError(.badInput, "\(keyring.file(name).path) already exists")
        }
        let key = try SigningKey.generate(algorithm)
        var predicate = KeyPredicate(action: .register, keyId: key.verifyingKey.keyID)
        predicate.name = name
        predicate.role = role
        predicate.algorithm = algorithm.rawValue
        predicate.publicKey = try key.verifyingKey.pem()
        predicate.owner = owner
        // The private key is on disk before its registration is logged, so a crash never
        // leaves a registered key nobody holds; a failed append removes it again.
        try keyring.store(key, as: "\(name).pem", passphrase: passphrase)
        do {
            let record = try await appendKeyRecord(predicate, name: name, signers: [key])
            guard let state = try await keyRegistry().key(id: predicate.keyId) else {
                throw LedgerError(.internalError, "the new key is missing from the registry")
            }
            return (state, record)
        } catch {
            keyring.remove("\(name).pem")
            throw error
        }
    }

    /// Replaces a key with a new one: the rotation record is signed by both, the old key stops
    /// being valid for records logged after it, and its file is kept as `<name>.<id>.retired.pem`.
    public func rotateKey(name: String, passphrase: String? = nil) async throws -> (key: KeyState, record: AppendResult)
    {
        let registry = try await keyRegistry()
        guard let old = registry.activeKey(named: name) else {
            throw LedgerError(.notFound, "no active key named \(name)")
        }
        let oldKey = try keyring.load(name, passphrase: passphrase)
        guard oldKey.verifyingKey.keyID == old.keyID else {
            throw LedgerError(.badInput, "\(keyring.file(name).path) is not the registered key \(name)")
        }
        let newKey = try SigningKey.generate(oldKey.algorithm)
        var predicate = KeyPredicate(action: .rotate, keyId: newKey.verifyingKey.keyID)
        predicate.name = name
        predicate.role = old.role
        predicate.algorithm = newKey.algorithm.rawValue
        predicate.publicKey = try newKey.verifyingKey.pem()
        predicate.owner = old.owner
        predicate.previousKeyId = old.keyID
        let staged = "\(name).next.pem"
        keyring.remove(staged)
        try keyring.store(newKey, as: staged, passphrase: passphrase)
        let record: AppendResult
        do {
            record = try await appendKeyRecord(predicate, name: name, signers: [newKey, oldKey])
        } catch {
            keyring.remove(staged)
            throw error
        }
        try keyring.rename("\(name).pem", to: "\(name).\(old.keyID.prefix(8)).retired.pem")
        try keyring.rename(staged, to: "\(name).pem")
        guard let state = try await keyRegistry().key(id: predicate.keyId) else {
            throw LedgerError(.internalError, "the rotated key is missing from the registry")
        }
        return (state, record)
    }

    /// Revokes a key. Signed by the key itself when it is in the keyring, else by the ledger's
    /// operator key. Records logged after the revocation — or, with `compromisedAt`, from that
    /// time on — are reported invalid.
    public func revokeKey(
        name: String,
        reason: String,
        compromisedAt: Date? = nil,
        passphrase: String? = nil
    ) async throws -> AppendResult {
        let registry = try await keyRegistry()
        guard let state = registry.keys(named: name).first(where: { $0.revocation == nil }) else {
            throw LedgerError(.notFound, "no unrevoked key named \(name)")
        }
        var predicate = KeyPredicate(action: .revoke, keyId: state.keyID)
        predicate.name = name
        predicate.reason = reason
        predicate.compromisedAt = compromisedAt.map { Timestamp($0) }
        let signer: SigningKey
        if let own = try? keyring.load(name, passphrase: passphrase), own.verifyingKey.keyID == state.keyID {
            signer = own
        } else {
            signer = try keyring.load(Self.operatorKeyName)
        }
        return try await appendKeyRecord(predicate, name: name, signers: [signer])
    }

    private func appendKeyRecord(
        _ predicate: KeyPredicate,
        name: String,
        signers: [SigningKey]
    ) async throws -> AppendResult {
        let statement: Statement
        do {
            statement = try Statement(
                subjects: [Subject(name: "key:\(name)", sha256: predicate.keyId)],
                predicate: predicate
            )
        } catch {
            throw LedgerError(.badInput, "\(error)")
        }
        var envelope = try Envelope.sign(statement, with: signers[0])
        for other in signers.dropFirst() {
            try envelope.addSignature(with: other)
        }
        return try await appendOne(envelope, what: "the key record")
    }

    /// Loads the signing key for `name` — else the configured default, else the only key of
    /// this ledger folder other than the operator's — and checks it is the active registered
    /// key of that name.
    public func signingKey(
        named name: String?,
        passphrase: String? = nil
    ) async throws -> (key: SigningKey, state: KeyState) {
        let registry = try await keyRegistry()
        var chosen = name ?? configuration.defaultKey
        if chosen == nil {
            let local = registry.keys.values.filter {
                $0.isActive && $0.name != Self.operatorKeyName && keyring.contains($0.name)
            }
            if local.count == 1 { chosen = local[0].name }
        }
        guard let name = chosen else {
            throw LedgerError(.badInput, "no key given: pass --key NAME (see colophon key list)")
        }
        let key = try keyring.load(name, passphrase: passphrase)
        guard let state = registry.key(id: key.verifyingKey.keyID), state.isActive else {
            throw LedgerError(.invalid, "the key \(name) is not an active registered key of this ledger")
        }
        return (key, state)
    }

    static func checkKeyName(_ name: String) throws {
        let allowed = name.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
        guard allowed, (1...64).contains(name.utf8.count), name.first?.isLetter == true || name.first?.isNumber == true,
            !name.hasSuffix(".pem"), !name.contains(".retired"), !name.contains(".next")
        else {
            throw LedgerError(
                .badInput,
                "invalid key name \"\(name)\": use 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit"
            )
        }
    }
}
