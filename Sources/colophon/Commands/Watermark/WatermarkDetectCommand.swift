import ArgumentParser
import ColophonLedger
import ColophonMedia
import ColophonReports
import ColophonWatermark
import Foundation

struct WatermarkDetectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Read the watermark from images: exit 0 when every image carries one, 1 when one does not.",
        discussion: """
            For each image: whether a watermark was found, its id, how many coded bits the decoder corrected, how clearly the synchronisation template stood out, the bound on the chance that an unmarked image reads as marked (hypotheses × 2^-40), the scale and rotation the copy has relative to the marked image, and the generation records in this ledger that carry the id (none when there is no ledger here). PNG, JPEG and WebP (still images; WebP through the system's libwebp).
            """
    )

    @OptionGroup var options: LedgerOptions

    @Argument(help: ArgumentHelp("The images.", valueName: "image"))
    var images: [String]

    func validate() throws {
        guard !images.isEmpty else { throw ValidationError("name at least one image") }
    }

    func run() async throws {
        let ledger = options.directory.exists ? try await options.open() : nil
        var reports: [WatermarkReport] = []
        for image in images {
            let bytes = try InputFile.read(image, limit: Stamper.maxFileBytes, what: "image")
            let decoded: DecodedImage
            do {
                decoded = try ImageDecoder.decode(bytes)
            } catch {
                throw Failure(Failure.usage, "\(image): \(error.reason)")
            }
            let reading: WatermarkReading
            if let ledger {
                reading = try await ledger.readWatermark(decoded)
            } else {
                reading = WatermarkReading(
                    detection: WatermarkDetector.detect(try decoded.watermarkPixels),
                    records: []
                )
            }
            reports.append(WatermarkReport(file: image, reading, ledger: ledger != nil))
        }
        let document = WatermarkReport.List(images: reports)
        try options.output.emit(document, text: reports.map(\.text).joined(separator: "\n"))
        if reports.contains(where: { !$0.found }) { throw ExitCode(Failure.notVerified) }
    }
}
