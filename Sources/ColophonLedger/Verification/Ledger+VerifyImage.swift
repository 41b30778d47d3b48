import ColophonCrypto
import ColophonLog
import ColophonMedia
import ColophonRecords
import ColophonStorage

extension Ledger {
    /// Checks an image against the ledger: its embedded credential first (record, signature,
    /// inclusion in the log, binding to these pixels), then its file digest, its pixel digest,
    /// and last its PDQ hash.
    public func verifyImage(bytes: [UInt8], name: String) async throws -> ImageVerification {
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
        if let credential = result.credential, let id = credential.recordID {
            if try await verifyCredential(credential, recordID: id, into: &result) { return result }
        }
        try await findByDigests(into: &result)
        return result
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
        result.generation = try? record.statement.decodePredicate(as: GenerationPredicate.self)
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
        if record.status != "current" { result.problems.append("the record is \(record.status)") }
        result.verdict = result.problems.isEmpty ? .verified : .tampered
        return true
    }

    private func findByDigests(into result: inout ImageVerification) async throws {
        let generation = PredicateType.generation.rawValue
        var searches: [(ImageVerification.Method, String, String)] = [(.fileDigest, "sha256", result.fileSHA256)]
        if let pixels = result.pixelSHA256 { searches.append((.pixelDigest, Stamper.pixelDigestAlgorithm, pixels)) }
        if let bitstream = result.webpBitstream {
            searches.append((.bitstreamDigest, ImageDigests.webpBitstreamAlgorithm, bitstream))
        }
        for (method, algorithm, value) in searches {
            let entries = try await self.entries(subject: algorithm, value: value)
            if let entry = entries.first(where: { $0.predicateType == generation }) {
                let record = try await self.record(entry.recordID)
                result.record = record
                result.generation = try? record.statement.decodePredicate(as: GenerationPredicate.self)
                result.method = method
                result.distance = 0
                result.verdict = .matchesRecord
                return
            }
        }
        guard let pdq = result.pdq else {
            if result.credential != nil { result.verdict = .tampered }
            return
        }
        guard pdq.quality >= PDQIndex.minimumQuality else {
            result.problems.append("the image is too flat for perceptual matching (PDQ quality \(pdq.quality))")
            if result.credential != nil { result.verdict = .tampered }
            return
        }
        let index = try await pdqIndex()
        let matches = index.search(pdq)
        for match in matches.prefix(10) {
            let entry = try await record(at: match.entry)
            result.candidates.append(.init(recordID: entry.recordID, index: match.entry, distance: match.distance))
        }
        if let best = matches.first, let candidate = result.candidates.first {
            let record = try await self.record(candidate.recordID)
            result.record = record
            result.generation = try? record.statement.decodePredicate(as: GenerationPredicate.self)
            result.method = .pdq
            result.distance = best.distance
            result.verdict = .similarTo
        } else if result.credential != nil {
            result.verdict = .tampered
        }
    }
}
