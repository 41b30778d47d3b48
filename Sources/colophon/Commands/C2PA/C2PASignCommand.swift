import ArgumentParser
import ColophonLedger
import Foundation

struct C2PASignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Embed a C2PA manifest for each image's generation record, stamping it first if needed.",
        discussion: """
            An image already in the ledger gets a manifest for its record; one that is not is stamped first (as `colophon stamp` would). The manifest is signed with the ledger's C2PA certificate (`colophon c2pa cert`) or --c2pa-cert/--c2pa-key, time-stamped when a TSA is configured, and written through a temporary file: over the image, or to --out. PNG and JPEG only; an image that already carries a manifest is refused (`colophon c2pa import` records it).

            Example: colophon c2pa sign out.png --key studio --out signed.png
            """
    )

    @OptionGroup var options: LedgerOptions
    @OptionGroup var passphrase: PassphraseOptions
    @OptionGroup var signer: C2PASignerOptions

    @Argument(help: ArgumentHelp("The images (PNG, JPEG).", valueName: "image"))
    var images: [String]

    @Option(help: ArgumentHelp("The ledger key that signs new generation records.", valueName: "name"))
    var key: String?

    @Option(help: ArgumentHelp("Write the signed copies here instead of over the originals.", valueName: "path"))
    var out: String?

    func run() async throws {
        let outputs = try StampArguments.outputs(for: images, out: out)
        let ledger = try await options.open()
        var stampOptions = StampOptions()
        stampOptions.c2pa = try signer.signing(ledger: ledger, passphrase: passphrase)
        let recordKey = try await ledger.signingKey(named: key, passphrase: try passphrase.passphrase()).key
        let stamper = try await Stamper(ledger: ledger, key: recordKey)
        try await StampCommand.stamp(images, outputs: outputs, options: stampOptions, with: stamper, json: options.json)
    }
}
