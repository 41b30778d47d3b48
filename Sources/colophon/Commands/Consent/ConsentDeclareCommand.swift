import ArgumentParser
import ColophonCrypto
import ColophonLedger
import ColophonRecords
import ColophonReports
import Foundation

struct ConsentDeclareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "declare",
        abstract:
            "Declare, signed by the artist's key, whether they consent to style emulation, training or likeness use.",
        discussion: """
            The declaration names the artist and every spelling prompts, folders and tags use for them (--alias). A later declaration by the same key for the same artist supersedes this one; nothing is deleted. Registered LoRAs whose training metadata names the artist are linked to them by attribution records in the same step, and every image whose ancestry uses such a LoRA, or whose prompt names the artist, is flagged by `verify` as conflicting with the artist's declared refusal. A refusal is a declared preference, not a legal finding.

            Example: colophon consent declare --artist "Greg Rutkowski" --alias rutkowski --scope style-emulation --scope training --status refused --key greg
            """
    )

    @OptionGroup var options: LedgerOptions
    @OptionGroup var passphrase: PassphraseOptions

    @Option(help: ArgumentHelp("The artist's name.", valueName: "name"))
    var artist: String

    @Option(help: ArgumentHelp("Another spelling of the name in prompts or tags (repeatable).", valueName: "alias"))
    var alias: [String] = []

    @Option(help: ArgumentHelp("A public profile URL (repeatable).", valueName: "url"))
    var profile: [String] = []

    @Option(help: ArgumentHelp("What the declaration covers (repeatable).", valueName: "scope"))
    var scope: [ConsentPredicate.Scope] = []

    @Option(help: ArgumentHelp("The artist's answer for every scope given.", valueName: "status"))
    var status: ConsentPredicate.Status

    @Option(help: ArgumentHelp("The conditions of a conditional answer.", valueName: "text"))
    var terms: String?

    @Option(help: ArgumentHelp("Where the conditions are published.", valueName: "url"))
    var termsUrl: String?

    @Option(help: ArgumentHelp("From when it applies (RFC 3339); default: when it is logged.", valueName: "time"))
    var effectiveFrom: String?

    @Option(help: ArgumentHelp("A work of the artist's it covers, hashed here (repeatable).", valueName: "file"))
    var work: [String] = []

    @Flag(help: "It covers all of the artist's works.")
    var allWorks = false

    @Option(help: ArgumentHelp("Where the artist can be reached for licensing.", valueName: "contact"))
    var contact: String?

    @Option(help: ArgumentHelp("The artist's signing key's name in the ledger.", valueName: "name"))
    var key: String?

    func validate() throws {
        for text in [artist] + alias where text.trimmingCharacters(in: .whitespaces).isEmpty || text.count > 512 {
            throw ValidationError("--artist and --alias need 1 to 512 characters")
        }
        guard !scope.isEmpty else { throw ValidationError("give at least one --scope") }
        if status == .conditional, terms == nil, termsUrl == nil {
            throw ValidationError("a conditional answer needs --terms or --terms-url")
        }
        if let effectiveFrom, Timestamp(effectiveFrom) == nil {
            throw ValidationError("--effective-from needs an RFC 3339 time, e.g. 2026-01-31T00:00:00Z")
        }
    }

    func run() async throws {
        var artistPart = ConsentPredicate.Artist(
            name: artist,
            aliases: alias.isEmpty ? nil : alias,
            profiles: profile.isEmpty ? nil : profile
        )
        artistPart.identityVerification = nil
        var scopes: [ConsentPredicate.Scope] = []
        for item in scope where !scopes.contains(item) { scopes.append(item) }
        var predicate = ConsentPredicate(
            artist: artistPart,
            declarations: scopes.map { .init(scope: $0, status: status, terms: terms, termsUrl: termsUrl) }
        )
        predicate.effectiveFrom = effectiveFrom.flatMap(Timestamp.init)
        predicate.contact = contact
        if allWorks || !work.isEmpty {
            let digests = try work.map { path in
                SHA256.hash(try InputFile.read(path, limit: 1 << 30, what: "work")).hex
            }
            predicate.worksCovered = .init(all: allWorks ? true : nil, sha256: digests.isEmpty ? nil : digests)
        }
        let ledger = try await options.open()
        let signer = try await ledger.signingKey(named: key, passphrase: try passphrase.passphrase()).key
        let declared = try await ledger.declareConsent(predicate, key: signer)
        let report = ConsentReport(declared: declared, predicate: predicate)
        try options.output.emit(report, text: report.text)
    }
}
