import ColophonMedia
import ColophonRecords
public import ColophonWatermark
import Foundation

extension Stamper {
    /// The watermark stage on decoded pixels, in place: refuses pixels that already carry a
    /// watermark of this scheme (two marks would garble each other), draws an id no record of
    /// this ledger carries, and marks them.
    ///
    /// With `quickCheck` (a generator's fresh pixels), the existing mark is looked for only as the
    /// image was made; a file from elsewhere gets the full, blind search.
    func mark(_ pixels: inout RGBAPixels, name: String, quickCheck: Bool = false) async throws -> Mark {
        let sides = WatermarkEmbedder.sides
        guard sides.contains(pixels.width), sides.contains(pixels.height) else {
            throw LedgerError(
                .badInput,
                "\(name) is \(pixels.width)×\(pixels.height): a watermark needs \(sides.lowerBound) to \(sides.upperBound) pixels a side"
            )
        }
        let present = quickCheck ? WatermarkDetector.detectUnmoved(pixels) : WatermarkDetector.detect(pixels)
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
        do {
            return Mark(id: id, psnr: try WatermarkEmbedder.embed(id, into: &pixels).psnr)
        } catch {
            throw LedgerError(.badInput, "\(name): \(error.reason)")
        }
    }

    /// The watermark stage on a decoded file: the pixels marked and written as a PNG that keeps
    /// the original's metadata.
    func watermark(_ digests: ImageDigests, name: String) async throws -> Marked {
        guard let image = digests.image else {
            throw LedgerError(.badInput, "\(name): the pixels cannot be decoded, so they cannot be watermarked")
        }
        var pixels = try image.watermarkPixels
        let mark = try await mark(&pixels, name: name)
        let marked = image.replacingPixels(pixels)
        let bytes: [UInt8]
        let file: ImageFile
        do {
            bytes = try PNGEncoder.encode(marked, alpha: image.source.hasAlpha, keepingMetadataOf: digests.file)
            file = try ImageFile(bytes: bytes)
        } catch {
            throw LedgerError(.internalError, "\(name): the marked image could not be written: \(error.reason)")
        }
        return Marked(bytes: bytes, digests: ImageDigests(file: file, bytes: bytes, image: marked), mark: mark)
    }

    /// Stamps pixels a generator holds in memory, without an encode and decode round trip: with
    /// `watermark`, the pixels are marked first; the PNG to publish is encoded once, and the
    /// record binds it. Returns the outcome and that PNG (with the credential and the C2PA
    /// manifest when asked for).
    public func stamp(
        pixels: RGBAPixels,
        hasAlpha: Bool,
        name: String,
        options: StampOptions = StampOptions()
    ) async throws -> (StampOutcome, image: [UInt8]) {
        var pixels = pixels
        var mark: Mark?
        if options.watermark { mark = try await self.mark(&pixels, name: name, quickCheck: true) }
        let image = DecodedImage(
            width: pixels.width,
            height: pixels.height,
            rgba: pixels.bytes,
            source: .init(mediaType: .png, colorType: hasAlpha ? 6 : 2, bitDepth: 8, hasAlpha: hasAlpha)
        )
        let png: [UInt8]
        do {
            png = try PNGEncoder.encode(image, alpha: hasAlpha, level: 1)
        } catch {
            throw LedgerError(.internalError, "\(name): the image could not be written: \(error.reason)")
        }
        var prepared = options
        prepared.watermark = false
        let (outcome, embedded) = try await stamp(
            bytes: png,
            name: name,
            options: prepared,
            decoded: image,
            premarked: mark
        )
        return (outcome, embedded ?? png)
    }

    /// The marked copy of `name` this ledger already records at `output`, if that is what lies
    /// there (its file or pixel digest is a generation record's subject, with a watermark binding,
    /// under the same name): a re-run returns it instead of marking the original again under a
    /// new id, and embeds what is still missing.
    func markedCopy(at output: String, of name: String, options: StampOptions) async throws -> StampOutcome? {
        guard FileManager.default.fileExists(atPath: output), let bytes = try? Self.readImage(output),
            let digests = try? ImageDigests(bytes: bytes, name: output)
        else { return nil }
        let subjects = [("sha256", digests.fileSHA256)] + digests.contentDigests.map { ($0.algorithm, $0.value) }
        guard let existing = try await existingRecord(subjects, marked: true),
            existing.record.statement.subjects.contains(where: { $0.name == name })
        else { return nil }
        var (outcome, embedded) = try await alreadyStamped(existing, file: digests.file, name: name, options: options)
        if let embedded {
            try AtomicFile.write(embedded, to: output)
            outcome.embeddedPath = output
        }
        return outcome
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
