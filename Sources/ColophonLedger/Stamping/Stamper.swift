public import ColophonCrypto
import ColophonMedia
import ColophonRecords
import ColophonStorage
import ColophonWatermark
import Foundation

/// Turns an image a generator just made into a signed `generation` record: decodes it, takes
/// its file and pixel digests and PDQ hash, reads the generator's metadata, resolves the model
/// and LoRAs to their registration records, signs, appends, and optionally embeds the
/// credential as XMP. Generators call ``stamp(bytes:name:options:)`` in-process; the command
/// line calls ``stamp(path:options:)``.
///
/// ```swift
/// let ledger = try await Ledger.open(LedgerDirectory(".colophon"))
/// let key = try await ledger.signingKey(named: "studio").key
/// let stamper = try await Stamper(ledger: ledger, key: key)
/// var options = StampOptions()
/// options.embed = true
/// let (outcome, stampedPNG) = try await stamper.stamp(bytes: png, name: "out.png", options: options)
/// // outcome.recordID, outcome.index; write stampedPNG instead of png
/// ```
public final class Stamper: Sendable {
    /// The subject digest name for ``PixelDigest``.
    public static let pixelDigestAlgorithm = "colophon-pixels-v1"
    /// Images larger than this are refused before reading.
    public static let maxFileBytes = 512 << 20

    public let ledger: Ledger
    public let key: SigningKey
    public let catalog: ModelCatalog
    /// The artists' declarations in force when the stamper was made: each new image is
    /// checked against them as it is stamped.
    public let consent: ConsentBook
    /// Set when many images are stamped at once: their appends share transactions.
    let sequencer: AppendSequencer?

    public init(ledger: Ledger, key: SigningKey, groupCommit: Bool = false) async throws {
        self.ledger = ledger
        self.key = key
        self.catalog = try await ledger.modelCatalog()
        self.consent = try await ledger.consentBook()
        self.sequencer = groupCommit ? AppendSequencer(ledger: ledger) : nil
    }

    /// Stamps the image file at `path`; with `embed`, writes the credential into it (or into
    /// `output`) through a temporary file and a rename.
    public func stamp(path: String, options: StampOptions = StampOptions()) async throws -> StampOutcome {
        if options.watermark, options.output == nil {
            throw LedgerError(
                .badInput,
                "\(path): a watermarked copy needs an output path; the original stays as it is"
            )
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        if let output = options.output {
            try Self.checkWritable(output, name: name)
            if options.watermark, var done = try await markedCopy(at: output, of: name, options: options) {
                done.path = path
                return done
            }
        }
        let bytes = try Self.readImage(path)
        var (outcome, embedded) = try await stamp(bytes: bytes, name: name, options: options)
        outcome.path = path
        if let embedded {
            let target = options.output ?? path
            try AtomicFile.write(embedded, to: target)
            outcome.embeddedPath = target
        }
        return outcome
    }

    /// Stamps image bytes; returns the outcome and, with `embed`, the bytes with the credential.
    public func stamp(
        bytes: [UInt8],
        name: String,
        options: StampOptions = StampOptions()
    ) async throws -> (StampOutcome, embedded: [UInt8]?) {
        try await stamp(bytes: bytes, name: name, options: options, decoded: nil, premarked: nil)
    }

    /// The stages: decode once (or take pixels already decoded), watermark, bindings and the
    /// record, embed.
    func stamp(
        bytes: [UInt8],
        name: String,
        options: StampOptions,
        decoded: DecodedImage?,
        premarked: Mark?
    ) async throws -> (StampOutcome, embedded: [UInt8]?) {
        // The file's own digest first: an unchanged file already stamped needs no decoding.
        // (Without the check, ImageDigests hashes the file beside the decode instead.) With
        // `watermark`, only a record of a marked image counts: the marked copy of an image
        // stamped unmarked is a new image with a record of its own (and
        // `markedCopy(at:of:options:)` keeps re-runs from marking twice).
        let marked = options.watermark
        let fileSHA256 = options.skipStamped ? SHA256.hash(bytes).hex : nil
        if let fileSHA256, let existing = try await existingRecord([("sha256", fileSHA256)], marked: marked) {
            let file: ImageFile
            do {
                file = try ImageFile(bytes: bytes)
            } catch {
                throw LedgerError(.badInput, "\(name): \(error.reason)")
            }
            return try await alreadyStamped(existing, file: file, name: name, options: options)
        }
        // Stage 1, decode once: the file parsed, the pixels decoded (unless given) and digested.
        var digests: ImageDigests
        if let decoded {
            do {
                digests = ImageDigests(file: try ImageFile(bytes: bytes), bytes: bytes, image: decoded)
            } catch {
                throw LedgerError(.internalError, "\(name): \(error.reason)")
            }
        } else {
            digests = try ImageDigests(bytes: bytes, name: name, fileSHA256: fileSHA256)
        }
        var file = digests.file
        if options.skipStamped,
            let existing = try await existingRecord(
                digests.contentDigests.map { ($0.algorithm, $0.value) },
                marked: marked
            )
        {
            return try await alreadyStamped(existing, file: file, name: name, options: options)
        }
        let (manifest, manifestNote) = try readManifest(bytes, name: name, required: options.requireManifest)
        if options.requireManifest, manifest == nil {
            throw LedgerError(.badInput, "\(name) carries no C2PA manifest")
        }
        try Self.refuseXMPBreakingManifest(bytes, name: name, options: options)
        if options.c2pa != nil {
            // Refused before anything is appended.
            do {
                _ = try C2PAContainer(sniffing: bytes)
            } catch {
                throw LedgerError(.badInput, "\(name): \(error.reason)")
            }
            if Self.carriesManifest(bytes) {
                throw LedgerError(
                    .badInput,
                    "\(name) already carries a C2PA manifest; `colophon c2pa import` records it without re-signing"
                )
            }
        }
        if options.watermark, manifest != nil {
            throw LedgerError(.badInput, "\(name) carries a C2PA manifest, which marking the pixels would break")
        }
        // The generator's metadata, from the image as it came (stealth metadata lives in the
        // pixels' low bits, which marking changes).
        let report = MetadataReader.read(file, image: digests.image)
        // Stage 2, watermark: the pixels marked before anything binds them, so the record binds
        // the image as published.
        var output = bytes
        var mark = premarked
        var markedCopy = false
        if options.watermark {
            let marked = try await watermark(digests, name: name)
            digests = marked.digests
            file = digests.file
            output = marked.bytes
            mark = marked.mark
            markedCopy = true
        }
        // Stage 3, bindings and the record.
        var builder = GenerationBuilder(catalog: catalog, report: report, options: options)
        builder.bind(digests)
        if let mark { builder.predicate.bindings?.watermark = Self.binding(mark.id) }
        if let manifestNote { builder.notes.append(manifestNote) }
        // Stored with the record, once it is accepted.
        var blobs: [[UInt8]] = []
        if let manifest {
            do {
                try builder.adopt(manifest, blob: "", requireGeneration: options.requireManifest)
            } catch let error as LedgerError {
                throw LedgerError(error.code, "\(name): \(error.reason)")
            }
            if builder.manifestSource != nil {
                builder.manifestSource?.blob = Ledger.blobReference(manifest.store.bytes)
                blobs.append(manifest.store.bytes)
            }
        }
        // Flag evaluation sees the prompt even when the record will only commit to it.
        let clear = builder.predicate
        let openings = try Self.commit(options.commit, in: &builder.predicate)
        if !openings.isEmpty {
            builder.notes.append("raw generator metadata withheld: it holds committed fields")
        } else if !report.raw.isEmpty {
            let raw = GenerationBuilder.rawBlob(report.raw)
            builder.predicate.rawMetadataBlob = Ledger.blobReference(raw)
            blobs.append(raw)
        }
        builder.finishSource()
        let contentID = "urn:uuid:" + UUID().uuidString.lowercased()
        builder.predicate.contentId = contentID
        if options.embed {
            var markings = builder.predicate.markings ?? GenerationPredicate.Markings()
            markings.xmp = true
            var label = GenerationPredicate.AIGCLabel(label: "1")
            label.contentProducer = options.provider.flatMap { $0.isEmpty ? nil : $0 } ?? ledger.configuration.origin
            label.produceId = contentID
            markings.aigc = label
            builder.predicate.markings = markings
        }
        builder.fitToBudget()
        var digest = digests.subjectDigest
        if let mark { digest[Ledger.watermarkAlgorithm] = mark.id.description }
        let statement: Statement
        do {
            statement = try Statement(subjects: [Subject(name: name, digest: digest)], predicate: builder.predicate)
        } catch {
            throw LedgerError(.badInput, "\(name): \(error)")
        }
        let envelope = try Envelope.sign(statement, with: key)
        let results: [AppendResult]
        if let sequencer {
            results = try await sequencer.append([envelope], blobs: blobs)
        } else {
            results = try await ledger.append([envelope], blobs: blobs)
        }
        guard let appended = results.first else {
            throw LedgerError(.internalError, "\(name): the generation record was not appended")
        }
        // Stage 4, embed: the credential, then the C2PA manifest, into the (marked) file.
        var embedded: [UInt8]? = markedCopy ? output : nil
        if options.embed {
            embedded = try embed(
                credential(
                    recordID: appended.recordID,
                    index: appended.index,
                    predicate: builder.predicate,
                    options: options
                ),
                in: file,
                name: name
            )
        }
        var manifestLabel: String?
        if let signing = options.c2pa {
            let signed = try await embedC2PA(
                embedded ?? output,
                signing: signing,
                generation: builder.predicate,
                recordID: appended.recordID,
                index: appended.index,
                name: name
            )
            embedded = signed.bytes
            manifestLabel = signed.label
        }
        var outcome = StampOutcome(
            status: .stamped,
            path: name,
            recordID: appended.recordID,
            index: appended.index,
            embeddedPath: nil,
            metadata: report,
            predicate: builder.predicate,
            unresolved: builder.unresolved
        )
        outcome.c2paManifest = manifestLabel
        outcome.watermark = mark.map { (id: $0.id.description, psnr: $0.psnr) }
        if !openings.isEmpty {
            try ledger.saveOpenings(
                RecordOpenings(record: appended.recordID.description, openings: openings),
                for: appended.recordID
            )
        }
        outcome.consent = try await ledger.consentFindings(
            for: clear,
            record: appended.recordID,
            book: consent,
            catalog: catalog
        )
        return (outcome, embedded)
    }

    /// The credential for a generation record: where it is, and the disclosure fields.
    func credential(
        recordID: RecordID,
        index: UInt64,
        predicate: GenerationPredicate,
        options: StampOptions
    )
        -> ContentCredential
    {
        var credential = ContentCredential(
            digitalSourceType: predicate.digitalSourceType,
            recordID: recordID.description,
            logOrigin: ledger.configuration.origin,
            logIndex: index,
            contentID: predicate.contentId
        )
        let producer = predicate.markings?.aigc?.contentProducer
        credential.provider =
            producer ?? options.provider.flatMap { $0.isEmpty ? nil : $0 } ?? ledger.configuration.origin
        credential.system = predicate.generator?.name ?? "Colophon"
        credential.systemVersion = predicate.generator?.version
        credential.createdAt = predicate.createdAt.text
        var label = AIGCLabel(label: "1", contentProducer: credential.provider, produceID: predicate.contentId)
        label.reservedCode1 = recordID.description
        credential.aigc = label
        return credential
    }

    func embed(_ credential: ContentCredential, in file: ImageFile, name: String) throws(LedgerError) -> [UInt8] {
        do {
            return try file.embeddingXMP(XMPPacket.packet(for: credential, mergingInto: file.xmp))
        } catch {
            throw LedgerError(.badInput, "\(name): cannot embed the credential: \(error.reason)")
        }
    }

    /// Replaces each field named in `fields` that the predicate states in the clear with a
    /// salted commitment, and returns the openings.
    static func commit(_ fields: Set<String>, in predicate: inout GenerationPredicate) throws -> [FieldOpening] {
        var openings: [FieldOpening] = []
        for field in fields.sorted() {
            guard let path = FieldOpening.keyPath(of: field) else {
                throw LedgerError(
                    .badInput,
                    "\(field) cannot be committed; these can: \(FieldOpening.fields.joined(separator: ", "))"
                )
            }
            guard let text = predicate[keyPath: path]?.clearText else { continue }
            let opening = try FieldOpening.make(field: field, value: text)
            predicate[keyPath: path] = .committed(opening.commitment)
            openings.append(opening)
        }
        return openings
    }

    /// The outcome for an image stamped before; if asked to embed and the file carries no
    /// credential at all (an earlier run stopped between logging and writing), it is embedded
    /// now. A credential already there — this ledger's or another's — is left alone.
    func alreadyStamped(
        _ existing: (record: LedgerRecord, generation: GenerationPredicate),
        file: ImageFile,
        name: String,
        options: StampOptions
    ) async throws -> (StampOutcome, embedded: [UInt8]?) {
        var embedded: [UInt8]?
        let present = file.xmp.flatMap { try? XMPPacket.credential(in: $0) }
        let record = existing.record
        if options.embed, present?.recordID == nil {
            try Self.refuseXMPBreakingManifest(file.bytes, name: name, options: options)
            let credential = credential(
                recordID: record.recordID,
                index: record.entry.index,
                predicate: existing.generation,
                options: options
            )
            embedded = try embed(credential, in: file, name: name)
        }
        var manifestLabel: String?
        if let signing = options.c2pa, (try? C2PAContainer(sniffing: file.bytes).find(in: file.bytes)) == nil {
            let signed = try await embedC2PA(
                embedded ?? file.bytes,
                signing: signing,
                generation: existing.generation,
                recordID: record.recordID,
                index: record.entry.index,
                name: name
            )
            embedded = signed.bytes
            manifestLabel = signed.label
        }
        var outcome = StampOutcome(
            status: .alreadyStamped,
            path: name,
            recordID: record.recordID,
            index: record.entry.index,
            embeddedPath: nil,
            metadata: MetadataReport(),
            predicate: nil,
            unresolved: []
        )
        outcome.c2paManifest = manifestLabel
        return (outcome, embedded)
    }

    /// A generation record already made for one of these subject digests that still stands
    /// (signatures valid, not retracted): the one verification would find. With `marked`, only
    /// a record of a watermarked image.
    func existingRecord(
        _ subjects: [(String, String)],
        marked: Bool = false
    ) async throws -> (
        record: LedgerRecord, generation: GenerationPredicate
    )? {
        for subject in subjects {
            for entry in try await ledger.entries(subject: subject.0, value: subject.1)
            where entry.predicateType == PredicateType.generation.rawValue {
                let record = try await ledger.record(entry.recordID)
                if let generation = Ledger.standing(record), !marked || generation.bindings?.watermark != nil {
                    return (record, generation)
                }
            }
        }
        return nil
    }

    /// XMP written beside a C2PA manifest changes bytes its hard binding covers: refused
    /// before anything is appended.
    static func refuseXMPBreakingManifest(_ bytes: [UInt8], name: String, options: StampOptions) throws {
        guard options.embed, carriesManifest(bytes) else { return }
        throw LedgerError(
            .badInput,
            "\(name) carries a C2PA manifest that embedding XMP would break; stamp it without --embed"
        )
    }

    /// Refuses an output path whose folder is missing or read-only before anything is
    /// appended: a record whose image could not be written would bind nothing anyone has.
    static func checkWritable(_ output: String, name: String) throws(LedgerError) {
        let url = URL(fileURLWithPath: output)
        let folder = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue,
            FileManager.default.isWritableFile(atPath: folder)
        else {
            throw LedgerError(.badInput, "\(name): cannot write \(output): \(folder) is not a writable folder")
        }
        if FileManager.default.fileExists(atPath: output, isDirectory: &isFolder), isFolder.boolValue {
            throw LedgerError(.badInput, "\(name): cannot write \(output): it is a folder")
        }
    }

    static func readImage(_ path: String) throws(LedgerError) -> [UInt8] {
        do {
            return try ImageFile.readBytes(path: path, limit: maxFileBytes)
        } catch {
            throw LedgerError(.badInput, error.reason)
        }
    }
}
