import ArgumentParser
import ColophonLedger
import Foundation

struct C2PAImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record the C2PA manifest another generator signed into an image as a generation record.",
        discussion: """
            Validates the image's active manifest (claim signature, certificate rules, chain to the anchors in c2pa/anchors.pem, hashed assertions, hard binding); one that does not validate is refused and nothing is recorded. Then its c2pa.created action (digital source type, software agent), its inputTo ingredients (base model, LoRAs with their weights, prompt) and the seed become a generation record, signed with --key, whose source is the manifest: kind c2pa, the whole manifest store kept as a blob, and the signer and validation state in its description. The record is bound to the image like a stamp (file, pixel and PDQ digests), so the image is found again after its manifest is stripped. A manifest whose source type is not a generative one (a camera capture, say) is refused.

            Example: colophon c2pa import hosted-output.jpg --key importer
            """
    )

    @OptionGroup var options: LedgerOptions
    @OptionGroup var passphrase: PassphraseOptions

    @Argument(help: ArgumentHelp("The images carrying C2PA manifests (PNG, JPEG).", valueName: "image"))
    var images: [String]

    @Option(help: ArgumentHelp("The ledger key that signs the records.", valueName: "name"))
    var key: String?

    func run() async throws {
        let ledger = try await options.open()
        var stampOptions = StampOptions()
        stampOptions.requireManifest = true
        let recordKey = try await ledger.signingKey(named: key, passphrase: try passphrase.passphrase()).key
        let stamper = try await Stamper(ledger: ledger, key: recordKey)
        try await StampCommand.stamp(
            images,
            outputs: images.map { _ in nil },
            options: stampOptions,
            with: stamper,
            json: options.json
        )
    }
}
