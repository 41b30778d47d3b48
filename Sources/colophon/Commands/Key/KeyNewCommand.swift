import ArgumentParser
import ColophonCrypto
import ColophonLedger
import ColophonRecords
import ColophonReports
import Foundation

struct KeyNewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Make a new signing key and register it in the log.",
        discussion: "Example: colophon key new studio --role generator --owner 'Example Studio Ltd'"
    )

    @OptionGroup var options: LedgerOptions
    @OptionGroup var passphrase: PassphraseOptions

    @Argument(help: "The key's name: letters, digits, '.', '_' or '-'.")
    var name: String

    @Option(help: "What the key signs for: generator, author, artist, publisher, auditor or log.")
    var role: KeyPredicate.Role = .author

    @Option(help: "The person or organisation holding the key.")
    var owner: String?

    @Option(help: "ed25519 (default) or ecdsa-p256-sha256.")
    var algorithm: SignatureAlgorithm = .ed25519

    @Flag(help: "Make this the key commands sign with when --key is not given.")
    var setDefault = false

    struct Report: Codable {
        var key: KeyReport
        var record: AppendedReport
        var file: String
    }

    func run() async throws {
        let ledger = try await options.open()
        let (state, record) = try await ledger.createKey(
            name: name,
            role: role,
            owner: owner.map { Party(name: $0) },
            algorithm: algorithm,
            passphrase: try passphrase.passphrase()
        )
        if setDefault {
            try ledger.setDefaultKey(name)
        }
        let report = Report(
            key: KeyReport(state, local: true),
            record: AppendedReport(record),
            file: ledger.keyring.file(name).path
        )
        try options.output.emit(
            report,
            text: """
                Created key \(name) (\(role.rawValue), \(algorithm.rawValue))
                key id \(state.keyID)
                registered by \(record.recordID) at entry \(record.index)
                private key \(report.file)
                """
        )
    }
}
