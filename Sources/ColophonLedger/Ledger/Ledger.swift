import ColophonCrypto
public import ColophonLog
import ColophonRecords
public import ColophonStorage
import Foundation

/// A Colophon ledger: a folder with its keys and configuration, and the store that holds its
/// signed, append-only log of records.
public final class Ledger: Sendable {
    /// The name of the ledger operator's key, made by `init`; it may revoke other keys.
    public static let operatorKeyName = "ledger"

    public let directory: LedgerDirectory
    public let configuration: LedgerConfiguration
    public let store: any LedgerStore
    public let keyring: Keyring
    let integrator: TreeIntegrator
    let nodeCache = NodeCache()

    init(directory: LedgerDirectory, configuration: LedgerConfiguration, store: any LedgerStore, signer: NoteSigner) {
        self.directory = directory
        self.configuration = configuration
        self.store = store
        self.keyring = Keyring(directory: directory.keys)
        self.integrator = TreeIntegrator(signer: signer)
    }

    /// The log's checkpoint verifier key.
    public var verifier: NoteVerifier { integrator.signer.verifier }

    /// Opens an existing ledger folder.
    ///
    /// - Parameter store: a store to use instead of the one the configuration names.
    public static func open(_ directory: LedgerDirectory, store: (any LedgerStore)? = nil) async throws -> Ledger {
        let configuration = try readConfiguration(directory)
        let signer: NoteSigner
        do {
            signer = try NoteSigner(privateKeyText: String(contentsOf: directory.logKey, encoding: .utf8))
        } catch {
            throw LedgerError(.badInput, "\(directory.logKey.path) is unreadable: \(error)")
        }
        guard signer.verifier.name == configuration.origin else {
            throw LedgerError(
                .badInput,
                "the log key is for \(signer.verifier.name), but the ledger's origin is \(configuration.origin)"
            )
        }
        let opened = try store ?? openSQLite(directory)
        return Ledger(directory: directory, configuration: configuration, store: opened, signer: signer)
    }

    /// Reads a ledger folder's configuration, to learn (say) which store it uses before opening it.
    public static func readConfiguration(_ directory: LedgerDirectory) throws -> LedgerConfiguration {
        guard directory.exists else {
            throw LedgerError(.notFound, "no ledger at \(directory.root.path) (run colophon init, or pass --ledger)")
        }
        let configuration: LedgerConfiguration
        do {
            configuration = try JSONDecoder().decode(
                LedgerConfiguration.self,
                from: Data(contentsOf: directory.configuration)
            )
        } catch {
            throw LedgerError(.badInput, "\(directory.configuration.path) is unreadable: \(error)")
        }
        guard configuration.version == 1 else {
            throw LedgerError(
                .badInput,
                "the ledger's configuration version \(configuration.version) is newer than this Colophon"
            )
        }
        return configuration
    }

    static func openSQLite(_ directory: LedgerDirectory) throws -> SQLiteLedgerStore {
        do {
            return try SQLiteLedgerStore(path: directory.database.path)
        } catch let error as StorageError {
            throw LedgerError(error.code == .incompatible ? .badInput : .storage, error.reason)
        }
    }

    /// Creates a new ledger folder: a log key, an empty signed log, and the operator key
    /// registered as the log's first record.
    public static func create(
        at directory: LedgerDirectory,
        origin: String? = nil,
        store: (any LedgerStore)? = nil,
        postgres: String? = nil
    ) async throws -> Ledger {
        guard !directory.exists else {
            throw LedgerError(.badInput, "a ledger already exists at \(directory.root.path)")
        }
        let origin = try origin ?? "localhost/colophon/\(Hex.encode(SecureRandom.bytes(4)))"
        let signer: NoteSigner
        do {
            signer = try NoteSigner.generate(name: origin)
        } catch {
            throw LedgerError(
                .badInput,
                "invalid origin \"\(origin)\": \(error) (use a schema-less URL such as example.com/log)"
            )
        }
        let manager = FileManager.default
        let existed = manager.fileExists(atPath: directory.root.path)
        do {
            try manager.createDirectory(
                at: directory.keys,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
            try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.root.path)
            try SecretFile.create(Array((signer.privateKeyText + "\n").utf8), at: directory.logKey.path)
            try Data((signer.verifier.vkey + "\n").utf8).write(to: directory.logVKey)
            let configuration = LedgerConfiguration(origin: origin, createdAt: Date(), postgres: postgres)
            let opened = try store ?? openSQLite(directory)
            if store != nil, let existing = try? await opened.latestHead() {
                // A log signed by another key: a new log key cannot extend it.
                throw LedgerError(
                    .badInput,
                    "the database already holds a log of \(existing.size) entries (\(existing.note.prefix { $0 != "\n" })); give this ledger its own schema"
                )
            }
            let ledger = Ledger(directory: directory, configuration: configuration, store: opened, signer: signer)
            try await opened.initialize(emptyHead: try ledger.integrator.emptyHead(at: Date()))
            _ = try await ledger.createKey(
                name: operatorKeyName,
                role: .log,
                owner: Party(name: origin, role: "log operator")
            )
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            // The configuration is written last: a folder without it is not a ledger.
            try encoder.encode(configuration).write(to: directory.configuration, options: .atomic)
            return ledger
        } catch {
            if existed {
                for item in [directory.logKey, directory.logVKey, directory.keys, directory.database] {
                    try? manager.removeItem(at: item)
                }
                for suffix in ["-wal", "-shm"] {
                    try? manager.removeItem(atPath: directory.database.path + suffix)
                }
            } else {
                try? manager.removeItem(at: directory.root)
            }
            if let error = error as? LedgerError { throw error }
            if let error = error as? StorageError { throw LedgerError(.storage, error.reason) }
            throw LedgerError(.storage, "cannot create the ledger at \(directory.root.path): \(error)")
        }
    }

    /// Runs a store call, turning storage failures into ledger errors.
    func storage<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StorageError {
            throw LedgerError(.storage, error.reason)
        }
    }
}

extension Ledger {
    /// Makes `name` the key commands sign with by default, rewriting `config.json`.
    public func setDefaultKey(_ name: String) throws {
        var updated = configuration
        updated.defaultKey = name
        try save(updated)
    }

    /// Configures (or, with nil, removes) the time-stamping authority for evidence bundles.
    ///
    /// - Throws: ``LedgerError`` `.badInput` for a URL that is not http(s) or roots that hold
    ///   no certificate.
    public func setTimestampAuthority(_ authority: TimestampAuthority?) throws {
        if let authority {
            guard let url = URL(string: authority.url), ["http", "https"].contains(url.scheme ?? "") else {
                throw LedgerError(.badInput, "the TSA URL \(authority.url) is not an http(s) URL")
            }
            guard TimestampVerifier.certificateCount(authority.roots) > 0 else {
                throw LedgerError(.badInput, "the TSA roots hold no PEM certificate")
            }
        }
        var updated = configuration
        updated.timestampAuthority = authority
        try save(updated)
    }

    private func save(_ updated: LedgerConfiguration) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try encoder.encode(updated).write(to: directory.configuration, options: .atomic)
        } catch {
            throw LedgerError(.storage, "cannot update \(directory.configuration.path): \(error)")
        }
    }
}
