import ArgumentParser
import ColophonLedger
import ColophonMedia
import ColophonReports
import Foundation

struct LoraAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Hash a LoRA and record it with a summary of its training data.",
        discussion: """
            Like `model add`, and the adapter record also summarises the kohya and ModelSpec metadata: output name, dataset folders, the most frequent caption tags, training comment, author and trigger phrase — the fields that name the people or styles it learnt from. --emulates declares an artist whose style it imitates (repeat for several).

            Example: colophon lora add inkwash_style_v2.safetensors --emulates "Greg Rutkowski"
            """
    )

    @OptionGroup var options: LedgerOptions
    @OptionGroup var passphrase: PassphraseOptions

    @Argument(help: ArgumentHelp("The adapter file.", valueName: "file"))
    var file: String

    @Option(help: "The name to record; default: its training output name, else the file name.")
    var name: String?

    @Option(help: ArgumentHelp("An artist whose style it emulates (repeatable).", valueName: "artist"))
    var emulates: [String] = []

    @Option(help: ArgumentHelp("The signing key's name in the ledger.", valueName: "name"))
    var key: String?

    func validate() throws {
        for artist in emulates
        where artist.trimmingCharacters(in: .whitespaces).isEmpty || artist.unicodeScalars.count > 512 {
            throw ValidationError("--emulates needs an artist name of 1 to 512 characters")
        }
    }

    func run() async throws {
        let adapter = try ModelFiles.open(file, json: options.json)
        let ledger = try await options.open()
        let signer = try await ledger.signingKey(named: key, passphrase: try passphrase.passphrase()).key
        let record = try await ledger.registerAdapter(adapter, name: name, emulates: emulates, key: signer)
        let shown = name ?? adapter.header?.value("ss_output_name") ?? ModelFiles.stem(adapter.fileName)
        let report = RegistrationReport(
            record: record,
            kind: "lora",
            name: shown,
            file: adapter,
            emulates: emulates.isEmpty ? nil : emulates
        )
        try options.output.emit(report, text: report.text)
    }
}
