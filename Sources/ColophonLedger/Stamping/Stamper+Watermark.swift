import ColophonMedia
import ColophonRecords
import ColophonWatermark

extension Stamper {
    /// An image after the watermark stage: the marked file (a PNG keeping the original's
    /// metadata), its digests from the marked pixels, and the id it carries.
    struct Marked {
        var bytes: [UInt8]
        var digests: ImageDigests
        var id: WatermarkID
        var psnr: Double
    }

    /// The watermark stage: refuses an image that already carries a watermark of this scheme
    /// (two marks would garble each other), draws an id no record of this ledger carries, marks
    /// the decoded pixels and writes them as a PNG.
    func watermark(_ digests: ImageDigests, name: String) async throws -> Marked {
        guard let image = digests.image else {
            throw LedgerError(.badInput, "\(name): the pixels cannot be decoded, so they cannot be watermarked")
        }
        var pixels = try image.watermarkPixels
        let present = WatermarkDetector.detect(pixels)
        if let found = present.id {
            let records = try await ledger.records(watermarkedWith: found)
            throw LedgerError(
                .badInput,
                "\(name) already carries watermark \(found)"
                    + (records.isEmpty ? "" : " (record \(records[0]))") + "; a second mark would garble both"
            )
        }
        var id = WatermarkID.random()
        while try await !ledger.records(watermarkedWith: id).isEmpty { id = .random() }
        let report: WatermarkEmbedder.Report
        do {
            report = try WatermarkEmbedder.embed(id, into: &pixels)
        } catch {
            throw LedgerError(.badInput, "\(name): \(error.reason)")
        }
        let marked = image.replacingPixels(pixels)
        let bytes: [UInt8]
        let file: ImageFile
        do {
            bytes = try PNGEncoder.encode(marked, alpha: image.source.hasAlpha, keepingMetadataOf: digests.file)
            file = try ImageFile(bytes: bytes)
        } catch {
            throw LedgerError(.internalError, "\(name): the marked image could not be written: \(error.reason)")
        }
        return Marked(
            bytes: bytes,
            digests: ImageDigests(file: file, bytes: bytes, image: marked),
            id: id,
            psnr: report.psnr
        )
    }

    /// The binding a marked image's record carries.
    static func binding(_ id: WatermarkID) -> GenerationPredicate.WatermarkBinding {
        GenerationPredicate.WatermarkBinding(
            algorithm: WatermarkScheme.algorithm,
            version: Int(WatermarkScheme.version),
            id: id.description
        )
    }
}
