public import ColophonCrypto
public import Foundation

/// The ledger's private keys on disk: one PKCS#8 PEM per key in the `keys` folder, mode 0600.
public struct Keyring: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The file of a key name.
    public func file(_ name: String) -> URL {
        directory.appendingPathComponent("\(name).pem")
    }

    /// Whether a private key of that name is here.
    public func contains(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: file(name).path)
    }

    /// Writes a new private key file, refusing to overwrite one.
    public func store(_ key: SigningKey, as fileName: String, passphrase: String? = nil) throws {
        let path = directory.appendingPathComponent(fileName).path
        try FileManager.default.createDirectory(
            at: directory,
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        try SecretFile.create(Array(try key.pem(passphrase: passphrase).utf8), at: path)
    }

    /// Loads a named private key.
    ///
    /// - Throws: ``LedgerError`` `.notFound` without the file, `.badInput` for a wrong passphrase
    ///   or a damaged key.
    public func load(_ name: String, passphrase: String? = nil) throws -> SigningKey {
        try load(file: file(name), name: name, passphrase: passphrase)
    }

    func load(file: URL, name: String, passphrase: String?) throws -> SigningKey {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw LedgerError(.notFound, "no private key named \(name) in \(directory.path)")
        }
        do {
            return try SigningKey(pem: String(decoding: data, as: UTF8.self), passphrase: passphrase)
        } catch {
            throw LedgerError(.badInput, "cannot load private key \(name): \(error)")
        }
    }

    /// Renames a key file (used when a rotation retires a key).
    func rename(_ fileName: String, to newName: String) throws {
        let from = directory.appendingPathComponent(fileName).path
        let to = directory.appendingPathComponent(newName).path
        guard Foundation.rename(from, to) == 0 else {
            throw LedgerError(.storage, "cannot rename \(from): \(String(cString: strerror(errno)))")
        }
    }

    func remove(_ fileName: String) {
        unlink(directory.appendingPathComponent(fileName).path)
    }
}
