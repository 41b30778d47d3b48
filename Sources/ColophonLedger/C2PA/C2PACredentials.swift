public import ColophonCrypto
public import ColophonMedia
public import Foundation

/// Where a ledger keeps its C2PA material, in `c2pa/` of its folder: the claim signer's chain
/// (`signer.pem`, leaf first, no root) and key (`signer.key`, PKCS#8, owner-only), and the
/// roots its own verification trusts (`anchors.pem`).
public struct C2PACredentials: Sendable {
    public let folder: URL

    public init(directory: LedgerDirectory) {
        folder = directory.root.appendingPathComponent("c2pa")
    }

    public var chainFile: URL { folder.appendingPathComponent("signer.pem") }
    public var keyFile: URL { folder.appendingPathComponent("signer.key") }
    public var anchorsFile: URL { folder.appendingPathComponent("anchors.pem") }

    /// The signer from `chain` and `key` files, or the ledger's own when both are nil.
    ///
    /// - Throws: ``LedgerError`` `.badInput` naming the file or the rule at fault.
    public func signer(chain: String? = nil, key: String? = nil, passphrase: String? = nil) throws -> C2PASigner {
        let chainPath = chain ?? chainFile.path
        let keyPath = key ?? keyFile.path
        guard FileManager.default.fileExists(atPath: chainPath) else {
            throw LedgerError(
                .badInput,
                chain == nil
                    ? "no C2PA signing certificate: run `colophon c2pa cert` (test PKI) or `colophon c2pa cert --use CHAIN --key KEY`"
                    : "the certificate chain \(chainPath) does not exist"
            )
        }
        let certificates: [Certificate]
        let signingKey: SigningKey
        do {
            certificates = try Certificate.certificates(pem: try Self.text(chainPath))
        } catch let error as CryptoError {
            throw LedgerError(.badInput, "\(chainPath): \(error)")
        }
        do {
            signingKey = try SigningKey(pem: try Self.text(keyPath), passphrase: passphrase)
        } catch let error as CryptoError {
            throw LedgerError(.badInput, "\(keyPath): \(error)")
        }
        do {
            return try C2PASigner(key: signingKey, chain: certificates)
        } catch {
            throw LedgerError(.badInput, "\(chainPath): \(error.reason)")
        }
    }

    /// The roots in `anchors.pem` plus those in `extra` files.
    public func anchors(extra: [String] = []) throws -> [Certificate] {
        var result: [Certificate] = []
        if FileManager.default.fileExists(atPath: anchorsFile.path) {
            result += try load(anchorsFile.path)
        }
        for path in extra { result += try load(path) }
        return result
    }

    private func load(_ path: String) throws -> [Certificate] {
        do {
            return try Certificate.certificates(pem: try Self.text(path))
        } catch let error as CryptoError {
            throw LedgerError(.badInput, "\(path): \(error)")
        }
    }

    /// Issues a test root, an intermediate and a claim signer, and installs the signer and
    /// the root (as an anchor) in the ledger's folder. The root and intermediate keys are
    /// not kept: a new chain is issued each time.
    public func issueTestChain(
        name: String,
        algorithm: SignatureAlgorithm,
        days: Int,
        now: Date = Date()
    ) throws -> (root: Certificate, intermediate: Certificate, leaf: Certificate) {
        let start = now.addingTimeInterval(-300)
        let rootKey = try SigningKey.generate(.ecdsaP256SHA256)
        let root = try Certificate.issue(
            commonName: "\(name) Test Root",
            organization: name,
            publicKey: rootKey.verifyingKey,
            profile: .root,
            issuer: nil,
            signingKey: rootKey,
            notBefore: start,
            days: max(days, 3650)
        )
        let intermediateKey = try SigningKey.generate(.ecdsaP256SHA256)
        let intermediate = try Certificate.issue(
            commonName: "\(name) Test Intermediate",
            organization: name,
            publicKey: intermediateKey.verifyingKey,
            profile: .intermediate,
            issuer: root,
            signingKey: rootKey,
            notBefore: start,
            days: max(days, 1825)
        )
        let leafKey = try SigningKey.generate(algorithm)
        let leaf = try Certificate.issue(
            commonName: "\(name) Claim Signer",
            organization: name,
            publicKey: leafKey.verifyingKey,
            profile: .claimSigner,
            issuer: intermediate,
            signingKey: intermediateKey,
            notBefore: start,
            days: days
        )
        try install(chain: [leaf, intermediate], key: leafKey, anchors: [root])
        return (root, intermediate, leaf)
    }

    /// Installs a signer a user brings (checked against the C2PA rules first), with the
    /// roots to trust.
    public func install(chain: [Certificate], key: SigningKey, anchors: [Certificate]) throws {
        do {
            _ = try C2PASigner(key: key, chain: chain)
        } catch {
            throw LedgerError(.badInput, error.reason)
        }
        do {
            try FileManager.default.createDirectory(
                at: folder,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
            // Both files are written beside their places, then renamed in; should the second
            // rename fail, the first is undone, so the key and the chain always match.
            let suffix = ".new-" + UUID().uuidString
            let newKey = keyFile.path + suffix
            let newChain = chainFile.path + suffix
            let oldKey = keyFile.path + ".old-" + UUID().uuidString
            try SecretFile.create(Array(try key.pem().utf8), at: newKey)
            defer { unlink(newKey) }
            try AtomicFile.write(Array(chain.map(\.pem).joined().utf8), to: newChain)
            defer { unlink(newChain) }
            let hadKey = link(keyFile.path, oldKey) == 0
            defer { unlink(oldKey) }
            guard rename(newKey, keyFile.path) == 0 else {
                throw LedgerError(.storage, "cannot install \(keyFile.path): \(String(cString: strerror(errno)))")
            }
            guard rename(newChain, chainFile.path) == 0 else {
                let reason = String(cString: strerror(errno))
                if hadKey { rename(oldKey, keyFile.path) } else { unlink(keyFile.path) }
                throw LedgerError(.storage, "cannot install \(chainFile.path): \(reason)")
            }
            try trust(anchors)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.storage, "cannot write \(folder.path): \(error)")
        }
    }

    /// Adds roots to `anchors.pem` (each once); returns how many were new.
    @discardableResult
    public func trust(_ roots: [Certificate]) throws -> Int {
        guard !roots.isEmpty else { return 0 }
        let existing = try anchors()
        var fresh: [Certificate] = []
        for root in roots where !existing.contains(root) && !fresh.contains(root) { fresh.append(root) }
        guard !fresh.isEmpty else { return 0 }
        do {
            try FileManager.default.createDirectory(
                at: folder,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw LedgerError(.storage, "cannot create \(folder.path): \(error)")
        }
        try AtomicFile.write(Array((existing + fresh).map(\.pem).joined().utf8), to: anchorsFile.path)
        return fresh.count
    }

    static func text(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LedgerError(.badInput, "cannot read \(path)")
        }
        guard data.count <= 1 << 20 else { throw LedgerError(.badInput, "\(path) is over 1 MiB") }
        return String(decoding: data, as: UTF8.self)
    }
}
