import ArgumentParser
import ColophonCrypto
import ColophonLedger
import ColophonMedia
import ColophonRecords
import ColophonReports
import ColophonStorage
import ColophonWatermark
import Foundation

struct LookupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Find records by image, digest, perceptual hash, watermark id, artist or LoRA.",
        discussion: """
            IMAGE (or --image IMAGE): the records whose subject is its file digest or its pixel digest, then those its watermark names, then every record whose PDQ hash is within distance 31. --watermark the generation records of images marked with that id; --sha256 finds any record with that subject; --pdq the generation records near a 64-hex PDQ hash; --lora the generation records that used a registered LoRA (named by record id, hash or name); --artist the LoRAs declared to emulate an artist or naming them in their training metadata (dataset folders, caption tags, comments, trigger words), and the images made with them. Exit status 1 when nothing is found.

            Example: colophon lookup --lora inkwash_style_v2
            """
    )

    @OptionGroup var options: LedgerOptions

    @Argument(help: ArgumentHelp("An image to look up.", valueName: "image"))
    var imageArgument: String?

    @Option(name: .customLong("image"), help: ArgumentHelp("An image to look up (as IMAGE).", valueName: "path"))
    var imageOption: String?

    @Option(help: ArgumentHelp("A watermark id: 16 hexadecimal digits.", valueName: "hex"))
    var watermark: String?

    var image: String? { imageArgument ?? imageOption }

    @Option(help: ArgumentHelp("A subject's SHA-256.", valueName: "hex"))
    var sha256: String?

    @Option(help: ArgumentHelp("A PDQ hash.", valueName: "hex"))
    var pdq: String?

    @Option(help: ArgumentHelp("An artist's name.", valueName: "name"))
    var artist: String?

    @Option(help: ArgumentHelp("A LoRA's record id, hash or name.", valueName: "ref"))
    var lora: String?

    @Option(help: ArgumentHelp("The largest PDQ distance that counts as a match.", valueName: "bits"))
    var maxDistance = PDQIndex.defaultThreshold

    func validate() throws {
        let given = [imageArgument, imageOption, sha256, pdq, artist, lora, watermark].compactMap { $0 }.count
        guard given == 1 else {
            throw ValidationError(
                "give exactly one of IMAGE (or --image), --sha256, --pdq, --watermark, --artist, --lora"
            )
        }
        if let watermark, WatermarkID(watermark) == nil {
            throw ValidationError("--watermark needs 16 hex digits, not \(watermark)")
        }
        if let sha256, sha256.count != 64 || !sha256.allSatisfy(\.isHexDigit) {
            throw ValidationError("--sha256 needs 64 hex digits")
        }
        if let pdq, PDQHash(hex: pdq.lowercased()) == nil { throw ValidationError("--pdq needs 64 hex digits") }
        guard (0...256).contains(maxDistance) else { throw ValidationError("--max-distance must be 0…256") }
    }

    func run() async throws {
        let ledger = try await options.open()
        let report: LookupReport
        if let image {
            let bytes = try InputFile.read(image, limit: Stamper.maxFileBytes, what: "image")
            report = try await .image(bytes, name: image, maxDistance: maxDistance, ledger: ledger)
        } else if let sha256 {
            report = try await .sha256(sha256.lowercased(), ledger: ledger)
        } else if let watermark, let id = WatermarkID(watermark) {
            report = try await .watermark(id, ledger: ledger)
        } else if let pdq, let hash = PDQHash(hex: pdq.lowercased()) {
            report = try await .pdq(hash, maxDistance: maxDistance, ledger: ledger)
        } else if let lora {
            guard let found = try await LookupReport.lora(lora, ledger: ledger) else {
                throw Failure(Failure.notVerified, "no registered LoRA matches \(lora)")
            }
            report = found
        } else {
            report = try await .artist(artist ?? "", ledger: ledger)
        }
        try options.output.emit(report, text: report.text)
        if report.matches.isEmpty { throw ExitCode(Failure.notVerified) }
    }
}
