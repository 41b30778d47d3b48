import ArgumentParser
import ColophonLedger
import ColophonMedia
import ColophonWatermark
import Foundation

struct WatermarkEmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Mark an image with a watermark id, outside the ledger (tests, benchmarks, trials).",
        discussion: """
            Writes a PNG copy of IMAGE (PNG, JPEG or WebP) carrying ID (16 hexadecimal digits; a random one by default) to --out. Nothing is recorded: `colophon stamp IMAGE --watermark --out MARKED` marks an image and records the id in its generation record, which is what lets `watermark detect` and `verify` name a record.
            """
    )

    /// Only --json matters: nothing is recorded.
    @OptionGroup var options: LedgerOptions

    @Argument(help: ArgumentHelp("The image to mark.", valueName: "image"))
    var image: String

    @Option(help: ArgumentHelp("Where to write the marked PNG.", valueName: "path"))
    var out: String

    @Option(help: ArgumentHelp("The id to carry: 16 hexadecimal digits.", valueName: "hex"))
    var id: String?

    struct Report: Codable {
        var id: String
        var out: String
        var psnr: Double
        var rms: Double
    }

    func run() async throws {
        let watermarkID: WatermarkID
        if let id {
            guard let parsed = WatermarkID(id) else {
                throw ValidationError("--id must be 16 hexadecimal digits, not \(id)")
            }
            watermarkID = parsed
        } else {
            watermarkID = .random()
        }
        let bytes = try InputFile.read(image, limit: Stamper.maxFileBytes, what: "image")
        let decoded: DecodedImage
        do {
            decoded = try ImageDecoder.decode(bytes)
        } catch {
            throw Failure(Failure.usage, "\(image): \(error.reason)")
        }
        var pixels = try decoded.watermarkPixels
        if let present = WatermarkDetector.detect(pixels).id {
            throw Failure(
                Failure.usage,
                "\(image) already carries watermark \(present); a second mark would garble both"
            )
        }
        let report: WatermarkEmbedder.Report
        do {
            report = try WatermarkEmbedder.embed(watermarkID, into: &pixels)
        } catch {
            throw Failure(Failure.usage, "\(image): \(error.reason)")
        }
        let encoded: [UInt8]
        do {
            encoded = try PNGEncoder.encode(decoded.replacingPixels(pixels), alpha: decoded.source.hasAlpha, level: 6)
        } catch {
            throw Failure(Failure.internalError, "\(image): \(error.reason)")
        }
        do {
            try AtomicFile.write(encoded, to: out)
        } catch {
            throw Failure(Failure.usage, "cannot write \(out): \(error)")
        }
        let output = options.output
        let result = Report(id: watermarkID.description, out: out, psnr: report.psnr, rms: report.rms)
        try output.emit(
            result,
            text: "marked \(image) with watermark \(result.id) (PSNR \(String(format: "%.1f", report.psnr)) dB): \(out)"
        )
    }
}
