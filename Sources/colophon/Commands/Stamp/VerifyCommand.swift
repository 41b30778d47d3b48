import ArgumentParser
import ColophonLedger
import Foundation

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check where an image comes from: verified, matches-record, similar-to, unknown or tampered.",
        discussion: """
            An embedded credential is followed to its record, whose signature, inclusion in the log and binding to these pixels are checked: all good is "verified", anything wrong "tampered". Without one, the image is looked up by its file digest, then its pixel digest (which survives metadata stripping): "matches-record"; then by its PDQ hash (resized or re-compressed copies): "similar-to", with the distance. The provenance follows: model, LoRAs, prompt, settings, signer. Exit status 0 only when verified.

            Example: colophon verify downloaded.jpg --json
            """
    )

    @OptionGroup var options: LedgerOptions

    @Argument(help: ArgumentHelp("The image (PNG, JPEG or WebP).", valueName: "image"))
    var image: String

    func run() async throws {
        let bytes = try InputFile.read(image, limit: Stamper.maxFileBytes, what: "image")
        let ledger = try await options.open()
        let result = try await ledger.verifyImage(bytes: bytes, name: image)
        let report = ImageReport(path: image, result)
        try options.output.emit(report, text: report.text)
        if result.verdict != .verified { throw ExitCode(Failure.notVerified) }
    }
}
