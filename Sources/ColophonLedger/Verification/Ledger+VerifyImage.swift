public import ColophonCrypto
import ColophonLog
import ColophonMedia
import ColophonRecords
import ColophonStorage
import ColophonWatermark

extension Ledger {
    /// Checks an image against the ledger: its embedded credential first (record, signature,
    /// inclusion in the log, binding to these pixels), then its file digest, its pixel digest,
    /// and last its PDQ hash.
    /// Flag evaluation follows: every conflict of the image's ancestry with an artist's
    /// declaration in force; and the human contributions recorded about the image.
    ///
    /// A C2PA manifest in the image is validated against `c2paAnchors` (the ledger's
    /// `c2pa/anchors.pem` when nil); the Colophon record it names is followed like an XMP
    /// credential, and a manifest that does not validate keeps the verdict from `verified`.
    public func verifyImage(
        bytes: [UInt8],
        name: String,
        c2paAnchors: [Certificate]? = nil
    ) async throws -> ImageVerification {
        var anchorNote: String?
        var anchors = c2paAnchors ?? []
        if c2paAnchors == nil {
            do {
                anchors = try C2PACredentials(directory: directory).anchors()
            } catch {
                anchorNote = "the ledger's C2PA anchors cannot be read (\(error)): no manifest can be Trusted"
            }
        }
        var result = try await verifyBindings(bytes: bytes, name: name, c2paAnchors: anchors)
        if let anchorNote { result.notes.append(anchorNote) }
        result.contributions = try await contributions(about: result)
        if let generation = result.generation {
            result.consent = try await consentFindings(
                for: generation,
                record: result.record?.recordID,
                book: consentBook(),
                catalog: modelCatalog()
            )
        }
        return result
    }

    /// The image checked against the ledger, without flag evaluation.
    func verifyBindings(
        bytes: [UInt8],
        name: String,
        c2paAnchors: [Certificate] = []
    ) async throws -> ImageVerification {
        let digests = try ImageDigests(bytes: bytes, name: name)
        let file = digests.file
        var result = ImageVerification(
            verdict: .unknown,
            method: .none,
            fileSHA256: digests.fileSHA256,
            pixelSHA256: digests.pixels,
            webpBitstream: digests.bitstream,
            pdq: digests.pdq,
            candidates: [],
            problems: []
        )
        if let undecoded = digests.undecoded {
            result.notes.append("pixels not decoded (\(undecoded)): checked by file and bitstream digests")
        }
        if let packet = file.xmp {
            do {
                result.credential = try XMPPacket.credential(in: packet)
            } catch {
                result.problems.append("the XMP packet is malformed: \(error.reason)")
            }
        }
        readManifest(bytes, anchors: c2paAnchors, into: &result)
        if let image = digests.image, image.width >= WatermarkDetector.minimumSide,
            image.height >= WatermarkDetector.minimumSide
        {
            result.watermark = try await readWatermark(image)
        }
        if let credential = result.credential, let id = credential.recordID {
            if try await verifyCredential(credential, recordID: id, into: &result) {
                Self.judgeManifest(into: &result)
                try await describeDigestLayers(into: &result)
                result.layers = Self.layers(of: result)
                return result
            }
        }
        try await findByDigests(into: &result)
        Self.judgeManifest(into: &result)
        try await describeDigestLayers(into: &result)
        result.layers = Self.layers(of: result)
        return result
    }

    /// Which records the file and pixel digests lead to, whichever layer decided the verdict.
    private func describeDigestLayers(into result: inout ImageVerification) async throws {
        func records(_ algorithm: String, _ value: String?) async throws -> [RecordID]? {
            guard let value else { return nil }
            return try await entries(subject: algorithm, value: value)
                .filter { $0.predicateType == PredicateType.generation.rawValue }.map(\.recordID)
        }
        result.digestRecords = [
            .fileDigest: try await records("sha256", result.fileSHA256),
            .pixelDigest: try await records(Stamper.pixelDigestAlgorithm, result.pixelSHA256),
            .bitstreamDigest: try await records(ImageDigests.webpBitstreamAlgorithm, result.webpBitstream),
        ].compactMapValues { $0 }
    }

    /// The layers in one shape, from what verification found.
    static func layers(of result: ImageVerification) -> [LayerFinding] {
        var out: [LayerFinding] = []
        for layer in [LayerFinding.Layer.fileDigest, .pixelDigest, .bitstreamDigest] {
            guard let records = result.digestRecords[layer] else {
                if layer == .pixelDigest {
                    out.append(LayerFinding(.pixelDigest, .absent, detail: "pixels not decoded"))
                }
                continue
            }
            out.append(LayerFinding(layer, records.isEmpty ? .noMatch : .matched, records: records))
        }
        if let credential = result.credential {
            let named = credential.recordID.flatMap(RecordID.init)
            out.insert(
                LayerFinding(
                    .credential,
                    named == nil ? .noMatch : .matched,
                    records: named.map { [$0] } ?? [],
                    detail: result.method == .credential
                        ? (result.verdict == .verified ? "verified" : "does not hold")
                        : "names \(credential.recordID ?? "no record")"
                ),
                at: min(1, out.count)
            )
        } else {
            out.insert(LayerFinding(.credential, .absent), at: min(1, out.count))
        }
        if let reading = result.watermark {
            if let id = reading.detection.id {
                out.append(
                    LayerFinding(
                        .watermark,
                        reading.records.isEmpty ? .noMatch : .matched,
                        records: reading.records,
                        detail: "id \(id), \(reading.detection.correctedBits) bits corrected"
                    )
                )
            } else {
                out.append(LayerFinding(.watermark, .absent))
            }
        } else {
            out.append(LayerFinding(.watermark, .absent, detail: "pixels not read"))
        }
        if result.method == .pdq {
            out.append(
                LayerFinding(
                    .pdq,
                    .matched,
                    records: result.candidates.map(\.recordID),
                    detail: result.distance.map { "distance \($0)" }
                )
            )
        } else if result.pdq == nil {
            out.append(LayerFinding(.pdq, .absent))
        } else if result.record != nil {
            out.append(LayerFinding(.pdq, .notChecked))
        } else {
            out.append(LayerFinding(.pdq, .noMatch))
        }
        return out
    }

    /// Validates the image's C2PA manifest; when there is no XMP credential, the Colophon
    /// record the manifest names stands in for one.
    private func readManifest(_ bytes: [UInt8], anchors: [Certificate], into result: inout ImageVerification) {
        guard (try? C2PAContainer(sniffing: bytes)) != nil else { return }
        do {
            var roots: [Certificate] = []
            if let authority = configuration.timestampAuthority {
                do {
                    roots = try Certificate.certificates(pem: authority.roots)
                } catch {
                    result.notes.append("the TSA's roots cannot be read (\(error)): time-stamps are not checked")
                }
            }
            result.c2pa = try C2PAValidator(anchors: anchors, timestampAnchors: roots).validate(file: bytes)
        } catch {
            result.problems.append("the C2PA manifest store is malformed: \(error.reason)")
            return
        }
        guard result.credential?.recordID == nil, let validation = result.c2pa else { return }
        let facts = C2PAGeneration(manifest: validation.manifest)
        guard let id = facts.recordID else { return }
        result.credential = ContentCredential(
            digitalSourceType: facts.digitalSourceType ?? "",
            recordID: id,
            logOrigin: facts.logOrigin,
            logIndex: facts.logIndex
        )
    }

    /// A manifest that does not validate is a problem, and a credential it contradicts is
    /// not verified.
    static func judgeManifest(into result: inout ImageVerification) {
        guard let validation = result.c2pa, validation.state == .invalid else { return }
        let codes = validation.failure.map(\.code).joined(separator: ", ")
        result.problems.append("the C2PA manifest is Invalid (\(codes))")
        if result.verdict == .verified { result.verdict = .tampered }
    }

    /// Follows an embedded credential; true when it decided the verdict.
    private func verifyCredential(
        _ credential: ContentCredential,
        recordID: String,
        into result: inout ImageVerification
    )
        async throws -> Bool
    {
        if let origin = credential.logOrigin, origin != configuration.origin {
            result.problems.append("the credential names the log \(origin), not this ledger's \(configuration.origin)")
            return false
        }
        guard let id = RecordID(recordID) else {
            result.problems.append("the credential's record id \(recordID) is malformed")
            result.verdict = .tampered
            result.method = .credential
            return true
        }
        let record: LedgerRecord
        do {
            record = try await self.record(id)
        } catch let error as LedgerError where error.code == .notFound {
            result.problems.append("the credential names record \(recordID), which this ledger does not hold")
            result.verdict = .tampered
            result.method = .credential
            return true
        }
        result.method = .credential
        result.record = record
        guard record.statement.predicateType == PredicateType.generation.rawValue,
            let generation = try? record.statement.decodePredicate(as: GenerationPredicate.self)
        else {
            result.problems.append("the credential names record \(recordID), which is not a generation record")
            result.verdict = .tampered
            return true
        }
        result.generation = generation
        if let index = credential.logIndex, index != record.entry.index {
            result.problems.append("the credential says log index \(index); the record is at \(record.entry.index)")
        }
        if let problem = record.verdict.problem { result.problems.append("signature: \(problem)") }
        do {
            let proof = try await inclusionProof(for: id)
            let checkpoint = try proof.verify(
                entry: record.envelope.canonicalBytes(),
                policy: TlogPolicy(log: verifier)
            )
            result.provedAgainst = checkpoint.size
        } catch {
            result.problems.append("inclusion: \(error)")
        }
        let bindings = result.generation?.bindings
        let subjects = record.statement.subjects
        let pixelsMatch =
            result.pixelSHA256 != nil
            && (bindings?.pixelSha256 == result.pixelSHA256
                || subjects.contains { $0.digest[Stamper.pixelDigestAlgorithm] == result.pixelSHA256 })
        let bitstreamMatches =
            result.webpBitstream != nil
            && subjects.contains { $0.digest[ImageDigests.webpBitstreamAlgorithm] == result.webpBitstream }
        let fileMatches = subjects.contains { $0.sha256 == result.fileSHA256 }
        if !pixelsMatch && !fileMatches && !bitstreamMatches {
            if let pdq = bindings?.pdq.flatMap({ PDQHash(hex: $0) }), let own = result.pdq {
                result.distance = pdq.distance(to: own)
            }
            result.problems.append(
                "the record's pixel digest is not this image's"
                    + (result.distance.map { " (PDQ distance \($0))" } ?? "")
            )
        } else {
            result.distance = 0
        }
        Self.judgeStatus(of: record, into: &result)
        result.verdict = result.problems.isEmpty ? .verified : .tampered
        return true
    }

    /// A retraction undoes a record; a dispute or supersession is reported but does not undo
    /// it (anyone with a key may dispute, and a superseded record still describes the image).
    static func judgeStatus(of record: LedgerRecord, into result: inout ImageVerification) {
        switch record.status {
        case "retracted": result.problems.append("the record is retracted")
        case "current": break
        default: result.notes.append("the record is \(record.status); see its corrections")
        }
    }

    /// The generation a record states, when the record can stand behind an image: a
    /// generation record whose signatures hold, which is not retracted, and which decodes.
    static func standing(_ record: LedgerRecord) -> GenerationPredicate? {
        guard record.statement.predicateType == PredicateType.generation.rawValue, record.verdict.isValid,
            record.status != "retracted"
        else { return nil }
        return try? record.statement.decodePredicate(as: GenerationPredicate.self)
    }

    private func findByDigests(into result: inout ImageVerification) async throws {
        let generation = PredicateType.generation.rawValue
        var searches: [(ImageVerification.Method, String, String)] = [(.fileDigest, "sha256", result.fileSHA256)]
        if let pixels = result.pixelSHA256 { searches.append((.pixelDigest, Stamper.pixelDigestAlgorithm, pixels)) }
        if let bitstream = result.webpBitstream {
            searches.append((.bitstreamDigest, ImageDigests.webpBitstreamAlgorithm, bitstream))
        }
        var rejected: (record: LedgerRecord, method: ImageVerification.Method)?
        for (method, algorithm, value) in searches {
            for entry in try await self.entries(subject: algorithm, value: value)
            where entry.predicateType == generation {
                let record = try await self.record(entry.recordID)
                guard let generation = Self.standing(record) else {
                    rejected = rejected ?? (record, method)
                    continue
                }
                result.record = record
                result.generation = generation
                result.method = method
                result.distance = 0
                result.verdict = .matchesRecord
                Self.judgeStatus(of: record, into: &result)
                return
            }
        }
        // Only records that no longer stand (retracted, or signed by a key revoked before them):
        // the image's provenance claim does not hold.
        if let found = rejected {
            let record = found.record
            result.record = record
            result.generation = try? record.statement.decodePredicate(as: GenerationPredicate.self)
            result.method = found.method
            result.problems.append(
                record.status == "retracted"
                    ? "the only record of this image is retracted"
                    : "the only record of this image does not stand: \(record.verdict.problem ?? "its predicate does not decode")"
            )
            result.verdict = .tampered
            return
        }
        // The watermark: a copy edited since it was stamped (re-encoded, resized, cropped) still
        // carries the id its record binds.
        if let reading = result.watermark, reading.detection.found {
            for id in reading.records {
                let record = try await self.record(id)
                guard let generation = Self.standing(record) else { continue }
                result.record = record
                result.generation = generation
                result.method = .watermark
                result.verdict = .similarTo
                if let pdq = generation.bindings?.pdq.flatMap({ PDQHash(hex: $0) }), let own = result.pdq {
                    result.distance = pdq.distance(to: own)
                }
                Self.judgeStatus(of: record, into: &result)
                return
            }
        }
        guard let pdq = result.pdq else {
            if result.credential != nil { result.verdict = .tampered }
            return
        }
        guard pdq.quality >= PDQIndex.minimumQuality else {
            result.notes.append(
                "PDQ quality \(pdq.quality) is below \(PDQIndex.minimumQuality): too little structure for perceptual matching"
            )
            if result.credential != nil { result.verdict = .tampered }
            return
        }
        let index = try await pdqIndex()
        var best: (record: LedgerRecord, generation: GenerationPredicate, distance: Int)?
        for match in index.search(pdq).prefix(100) where result.candidates.count < 10 {
            let record = try await self.record(at: match.entry)
            guard let generation = Self.standing(record) else { continue }
            result.candidates.append(.init(recordID: record.recordID, index: match.entry, distance: match.distance))
            if best == nil { best = (record, generation, match.distance) }
        }
        if let best {
            result.record = best.record
            result.generation = best.generation
            result.method = .pdq
            result.distance = best.distance
            result.verdict = .similarTo
            Self.judgeStatus(of: best.record, into: &result)
        } else if result.credential != nil {
            result.verdict = .tampered
        }
    }
}
