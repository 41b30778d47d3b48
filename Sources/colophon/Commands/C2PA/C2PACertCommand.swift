import ArgumentParser
import ColophonCrypto
import ColophonLedger
import Foundation

struct C2PACertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cert",
        abstract: "Issue a test C2PA certificate chain, or install one you bring.",
        discussion: """
            Without --use: issues a test root, an intermediate and a claim-signing certificate (X.509 v3; key usage digitalSignature, critical; extended key usages emailProtection, documentSigning and c2pa-kp-claimSigning; not a CA; key identifiers), installs the signer in the ledger folder's c2pa/ (signer.pem: leaf and intermediate; signer.key, owner-only) and adds the root to c2pa/anchors.pem. c2pa validators report manifests it signs as Valid, and as Trusted once the root is one of their trust anchors. Nothing issued here is for production: the root's key is thrown away.

            With --use CHAIN --key KEY: checks a certificate you bring (for example from a CA on the C2PA trust list) against the C2PA rules and the key, and installs it; --anchor adds roots to trust.

            Examples:
              colophon c2pa cert --name "Example Studio"
              colophon c2pa cert --use chain.pem --key signer.key --anchor root.pem
            """
    )

    enum Algorithm: String, ExpressibleByArgument, CaseIterable {
        case es256
        case ed25519
    }

    @OptionGroup var options: LedgerOptions
    @OptionGroup var passphrase: PassphraseOptions

    @Option(help: ArgumentHelp("The organisation the test certificates name.", valueName: "name"))
    var name = "Colophon"

    @Option(help: ArgumentHelp("The signing key's algorithm: es256 (P-256) or ed25519.", valueName: "alg"))
    var algorithm: Algorithm = .es256

    @Option(help: ArgumentHelp("How long the signing certificate is valid, in days.", valueName: "days"))
    var days = 365

    @Option(help: ArgumentHelp("Install this PEM chain (leaf first) instead of issuing one.", valueName: "file"))
    var use: String?

    @Option(help: ArgumentHelp("The private key (PKCS#8 PEM) of --use.", valueName: "file"))
    var key: String?

    @Option(
        name: .customLong("anchor"),
        help: ArgumentHelp("A PEM root to trust (repeatable).", valueName: "file")
    )
    var anchors: [String] = []

    func validate() throws {
        if (use == nil) != (key == nil) { throw ValidationError("--use and --key go together") }
        if use == nil, !anchors.isEmpty { throw ValidationError("--anchor goes with --use") }
        guard (1...3650).contains(days) else { throw ValidationError("--days must be 1…3650") }
        guard !name.isEmpty, name.utf8.count <= 40 else { throw ValidationError("--name needs 1 to 40 bytes") }
    }

    struct Report: Codable {
        var signer: String
        var issuer: String
        var notAfter: String
        var fingerprint: String
        var chain: String
        var key: String
        var anchors: String
        var issued: Bool
    }

    func run() async throws {
        let ledger = try await options.open()
        let credentials = C2PACredentials(directory: ledger.directory)
        let leaf: Certificate
        if let use, let key {
            let chain = try Self.certificates(use)
            let roots = try anchors.flatMap { try Self.certificates($0) }
            let pem = try InputFile.readText(key, limit: 1 << 20, what: "private key")
            let signingKey: SigningKey
            do {
                signingKey = try SigningKey(pem: pem, passphrase: try passphrase.passphrase())
            } catch {
                throw Failure(Failure.usage, "\(key): \(error)")
            }
            try credentials.install(chain: chain, key: signingKey, anchors: roots)
            leaf = chain[0]
        } else {
            leaf = try credentials.issueTestChain(
                name: name,
                algorithm: algorithm == .es256 ? .ecdsaP256SHA256 : .ed25519,
                days: days
            ).leaf
        }
        let report = Report(
            signer: leaf.subject,
            issuer: leaf.issuer,
            notAfter: leaf.notAfter.map { ISO8601DateFormatter().string(from: $0) } ?? "",
            fingerprint: leaf.fingerprint.hex,
            chain: credentials.chainFile.path,
            key: credentials.keyFile.path,
            anchors: credentials.anchorsFile.path,
            issued: use == nil
        )
        try options.output.emit(
            report,
            text: """
                \(use == nil ? "Issued" : "Installed") C2PA signer \(report.signer)
                  issuer       \(report.issuer)
                  valid until  \(report.notAfter)
                  sha256       \(report.fingerprint)
                  chain        \(report.chain)
                  key          \(report.key)
                  anchors      \(report.anchors)
                """
        )
    }

    static func certificates(_ path: String) throws -> [Certificate] {
        let pem = try InputFile.readText(path, limit: 1 << 20, what: "PEM certificates")
        do {
            return try Certificate.certificates(pem: pem)
        } catch {
            throw Failure(Failure.usage, "\(path): \(error)")
        }
    }
}
