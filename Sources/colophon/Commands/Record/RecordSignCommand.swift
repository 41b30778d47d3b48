import ArgumentParser
import ColophonCrypto
import ColophonLedger
import ColophonRecords
import ColophonReports
import Foundation

struct RecordSignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign an in-toto Statement v1; prints the DSSE envelope.",
        discussion: """
            Any valid in-toto statement is accepted, so other tools' attestations can be kept too; statements of Colophon's own predicate types are checked against their schemas. The payload is the statement in RFC 8785 canonical form, and the record id is its SHA-256.

            Example: colophon record sign statement.json --key studio > record.json
            """
    )

    @OptionGroup var options: LedgerOptions
    @OptionGroup var passphrase: PassphraseOptions

    @Argument(help: ArgumentHelp("The statement, or - for standard input.", valueName: "statement.json"))
    var statement: String

    @Option(help: ArgumentHelp("A key name in the ledger, or a PKCS#8 PEM file.", valueName: "name|file.pem"))
    var key: String?

    @Option(help: ArgumentHelp("Write the envelope here instead of standard output.", valueName: "file"))
    var out: String?

    func run() async throws {
        let bytes = try InputFile.read(statement, limit: Envelope.maxInputBytes, what: "JSON statement")
        let parsed: Statement
        do {
            parsed = try Statement(bytes: bytes)
        } catch {
            throw Failure(Failure.usage, "\(statement): \(error.reason)")
        }
        let signingKey = try await loadKey()
        let envelope = try Envelope.sign(parsed, with: signingKey)
        let json = String(decoding: try envelope.canonicalBytes(), as: UTF8.self)
        if let out {
            try Data((json + "\n").utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            if !options.json { Terminal.error("Signed \(envelope.recordID) → \(out)") }
            if options.json { Terminal.out(json) }
        } else {
            Terminal.out(json)
        }
    }

    private func loadKey() async throws -> SigningKey {
        if let key, key.hasSuffix(".pem") || key.contains("/") {
            let pem = try InputFile.readText(key, limit: 64 * 1024, what: "PEM private key")
            do {
                return try SigningKey(pem: pem, passphrase: try passphrase.passphrase())
            } catch {
                throw Failure(Failure.usage, "\(key): \(error)")
            }
        }
        let ledger = try await options.open()
        return try await ledger.signingKey(named: key, passphrase: try passphrase.passphrase()).key
    }
}
