import ColophonCrypto
import ColophonMedia
import ColophonRecords
import Foundation

extension Stamper {
    /// The image's C2PA manifest, validated against the ledger's anchors (and its TSA's roots
    /// for time-stamps): the validation when it can be used, else a note on why not.
    ///
    /// - Throws: only when `required` (`c2pa import`): ``LedgerError`` `.badInput` for a store
    ///   that cannot be read, `.invalid` for one that does not validate — nothing is recorded
    ///   from a manifest that fails.
    func readManifest(_ bytes: [UInt8], name: String, required: Bool) throws -> (C2PAValidation?, note: String?) {
        guard (try? C2PAContainer(sniffing: bytes)) != nil else { return (nil, nil) }
        let validation: C2PAValidation?
        do {
            let anchors = try c2paAnchors()
            validation = try C2PAValidator(anchors: anchors, timestampAnchors: timestampAnchors).validate(file: bytes)
        } catch {
            let reason = (error as? MediaError)?.reason ?? "\(error)"
            if required { throw LedgerError(.badInput, "\(name): the C2PA manifest store cannot be read: \(reason)") }
            return (nil, "the C2PA manifest store cannot be read (\(reason)); not used")
        }
        guard let validation else { return (nil, nil) }
        guard validation.state != .invalid else {
            let reasons = validation.failure.map { "\($0.code): \($0.explanation)" }.joined(separator: "; ")
            if required {
                throw LedgerError(
                    .invalid,
                    "\(name): the C2PA manifest does not validate (\(reasons)); nothing was recorded"
                )
            }
            return (
                nil,
                "the image's C2PA manifest is Invalid (\(validation.failure.map(\.code).joined(separator: ", "))); not used"
            )
        }
        return (validation, nil)
    }

    /// The ledger's C2PA trust anchors, read when first needed: a stamp that meets no
    /// manifest never depends on them.
    func c2paAnchors() throws -> [Certificate] {
        try C2PACredentials(directory: ledger.directory).anchors()
    }

    /// The configured TSA's roots, which time-stamps in manifests are checked against.
    var timestampAnchors: [Certificate] {
        ledger.configuration.timestampAuthority.flatMap { try? Certificate.certificates(pem: $0.roots) } ?? []
    }

    /// Whether `bytes` holds a C2PA manifest store (readable or not).
    static func carriesManifest(_ bytes: [UInt8]) -> Bool {
        guard let container = try? C2PAContainer(sniffing: bytes) else { return false }
        do {
            return try container.find(in: bytes) != nil
        } catch {
            return error.reason.hasPrefix("C2PA")
        }
    }

    /// Embeds a C2PA manifest for the record into `bytes`.
    func embedC2PA(
        _ bytes: [UInt8],
        signing: C2PASigning,
        generation: GenerationPredicate,
        recordID: RecordID,
        index: UInt64,
        name: String
    ) async throws -> C2PAEmbedder.Signed {
        let definition = C2PAManifestDefinition(
            generation: generation,
            recordID: recordID,
            logOrigin: ledger.configuration.origin,
            logIndex: index,
            title: name,
            claimGenerator: signing.claimGenerator,
            claimGeneratorVersion: signing.claimGeneratorVersion
        )
        var timestamper: (@Sendable ([UInt8]) async throws -> [UInt8])?
        if let authority = signing.timestampAuthority {
            timestamper = { bytes in
                try TimestampToken.token(fromResponse: try await authority.timestamp(SHA256.hash(bytes)).response)
            }
        }
        let embedder = C2PAEmbedder(definition: definition, signer: signing.signer, timestamper: timestamper)
        do {
            return try await embedder.sign(bytes)
        } catch let error as MediaError {
            throw LedgerError(.badInput, "\(name): cannot embed the C2PA manifest: \(error.reason)")
        } catch let error as LedgerError {
            throw LedgerError(error.code, "\(name): the C2PA manifest's time-stamp: \(error.reason)")
        } catch {
            throw LedgerError(.internalError, "\(name): cannot sign the C2PA manifest: \(error)")
        }
    }
}
