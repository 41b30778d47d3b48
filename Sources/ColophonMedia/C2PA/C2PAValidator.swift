public import ColophonCrypto
import ColophonRecords
public import Foundation

/// Validates the active manifest of a PNG or JPEG the way a C2PA validator does: the claim
/// signature against its certificate, the certificate against the C2PA profile and the trust
/// anchors, every hashed URI the claim lists, the first action, and the `c2pa.hash.data`
/// binding over the file's bytes.
///
/// Manifests of ingredients inside the store are parsed but not validated themselves.
public struct C2PAValidator: Sendable {
    /// Roots for claim signers.
    public var anchors: [Certificate]
    /// Roots for the time-stamping authorities of `sigTst2` tokens (kept apart: a TSA root
    /// does not vouch for claim signers).
    public var timestampAnchors: [Certificate]
    /// The time certificates are checked at when no verified time-stamp says otherwise.
    public var now: Date

    public init(anchors: [Certificate] = [], timestampAnchors: [Certificate] = [], now: Date = Date()) {
        self.anchors = anchors
        self.timestampAnchors = timestampAnchors
        self.now = now
    }

    /// Validates `file`; nil when it carries no manifest store.
    ///
    /// - Throws: ``MediaError`` when the file, the store or the active manifest cannot be read
    ///   at all (a store that reads but does not verify is a result, not an error).
    public func validate(file: [UInt8]) throws(MediaError) -> C2PAValidation? {
        let container = try C2PAContainer(sniffing: file)
        guard let found = try container.find(in: file) else { return nil }
        let store = try C2PAManifestStore(bytes: found.store)
        return validate(store: store, file: file, storeRange: found.range)
    }

    /// Validates the active manifest of `store` against the asset bytes `file`, in which the
    /// store occupies `storeRange` (nil: a sidecar store, outside the file).
    public func validate(store: C2PAManifestStore, file: [UInt8], storeRange: Range<Int>? = nil) -> C2PAValidation {
        var run = Run(manifest: store.active)
        let signature = checkSignature(&run)
        checkAssertions(&run)
        checkBinding(&run, file: file, storeRange: storeRange)
        let onlyUntrusted = run.failure.allSatisfy { $0.code == "signingCredential.untrusted" }
        let state: C2PAValidation.State =
            !onlyUntrusted
            ? .invalid : run.success.contains { $0.code == "signingCredential.trusted" } ? .trusted : .valid
        return C2PAValidation(
            state: state,
            success: run.success,
            failure: run.failure,
            informational: run.informational,
            manifest: store.active,
            store: store,
            signer: signature.leaf?.subject,
            issuer: signature.leaf?.issuer,
            timestamp: signature.time
        )
    }

    struct Run {
        var manifest: C2PAManifest
        var success: [C2PAValidation.Status] = []
        var failure: [C2PAValidation.Status] = []
        var informational: [C2PAValidation.Status] = []

        mutating func pass(_ code: String, _ text: String) { success.append(.init(code, text)) }
        mutating func fail(_ code: String, _ text: String) { failure.append(.init(code, text)) }
        mutating func note(_ code: String, _ text: String) { informational.append(.init(code, text)) }
    }

    func checkSignature(_ run: inout Run) -> (leaf: Certificate?, time: Date?) {
        let manifest = run.manifest
        if manifest.claimLabel != "c2pa.claim.v2" {
            run.note("claim.version", "the claim is \(manifest.claimLabel), not c2pa.claim.v2")
        }
        let signature: COSESign1
        do {
            signature = try COSESign1(decoding: manifest.signatureBytes)
        } catch {
            run.fail("claimSignature.missing", error.reason)
            return (nil, nil)
        }
        let chainDER = signature.chain
        guard !chainDER.isEmpty else {
            run.fail("signingCredential.invalid", "the signature carries no x5chain certificate")
            return (nil, nil)
        }
        guard chainDER.count <= 16 else {
            run.fail("signingCredential.invalid", "the x5chain holds \(chainDER.count) certificates")
            return (nil, nil)
        }
        let certificates: [Certificate]
        do {
            certificates = try chainDER.map { try Certificate(der: $0) }
        } catch {
            run.fail("signingCredential.invalid", "a certificate of the x5chain does not parse: \(error)")
            return (nil, nil)
        }
        let leaf = certificates[0]
        // The claim must name this manifest's signature box: the label is outside every hash
        // (the binding excludes the store), so this is what ties it to the signature.
        let reference = manifest.claim["signature"]?.textValue
        if reference != "self#jumbf=/c2pa/\(manifest.label)/c2pa.signature" {
            run.fail(
                "claimSignature.missing",
                "the claim's signature reference \(reference ?? "(none)") does not name manifest \(manifest.label)"
            )
        }
        do {
            try signature.verify(payload: manifest.claimBytes, certificate: leaf)
            run.pass("claimSignature.validated", "claim signature valid")
        } catch {
            run.fail("claimSignature.mismatch", error.reason)
        }
        for problem in C2PACertificateRules.problems(leaf: leaf) {
            run.fail("signingCredential.invalid", "certificate params incorrect: \(problem)")
        }
        let time = timestampTime(signature, &run)
        let at = time ?? now
        if leaf.isValid(at: at) {
            run.pass("claimSignature.insideValidity", "claim signature inside the certificate's validity")
        } else {
            run.fail("signingCredential.expired", "the signing certificate was not valid at \(at)")
        }
        if anchors.isEmpty {
            run.fail("signingCredential.untrusted", "signing certificate untrusted: no trust anchor configured")
        } else {
            do {
                _ = try CertificateTrust(anchors: anchors).verify(
                    leaf: leaf,
                    intermediates: Array(certificates.dropFirst()),
                    at: at
                )
                run.pass("signingCredential.trusted", "signing certificate trusted, found in the anchors")
            } catch {
                run.fail("signingCredential.untrusted", "signing certificate untrusted: \(error)")
            }
        }
        return (leaf, time)
    }

    /// The time of a `sigTst2` token that verifies against the TSA anchors, else nil.
    func timestampTime(_ signature: COSESign1, _ run: inout Run) -> Date? {
        guard let tokens = signature.unprotectedHeader["sigTst2"]?["tstTokens"]?.arrayValue,
            let token = tokens.first?["val"]?.bytesValue
        else { return nil }
        let imprint = SHA256.hash(C2PAEmbedder.countersigned(signature))
        guard !timestampAnchors.isEmpty else {
            run.note("timeStamp.untrusted", "the signature is time-stamped, but no TSA root is configured")
            return nil
        }
        do {
            let time = try TimestampToken.verify(token: token, sha256: imprint, roots: timestampAnchors)
            run.pass("timeStamp.validated", "time-stamp validated: \(time)")
            return time
        } catch {
            run.note("timeStamp.untrusted", "the time-stamp does not verify: \(error)")
            return nil
        }
    }

    func checkAssertions(_ run: inout Run) {
        let manifest = run.manifest
        let listed = manifest.listedAssertions
        if listed.isEmpty { run.fail("claim.malformed", "the claim lists no assertions") }
        // Each assertion once: a claim listing one URL many times must not cost many hashes.
        guard Set(listed.map(\.url)).count == listed.count else {
            run.fail("claim.malformed", "the claim lists an assertion more than once")
            return
        }
        for reference in listed {
            guard manifest.assertion(url: reference.url) != nil else {
                run.fail("assertion.missing", "\(reference.url) is not in the assertion store")
                continue
            }
            if MessageDigest.hash([], algorithm: reference.algorithm) == nil {
                run.fail("algorithm.unsupported", "\(reference.url) is hashed with \(reference.algorithm)")
            } else if manifest.matches(reference) {
                run.pass("assertion.hashedURI.match", "hashed URI matched: \(reference.url)")
            } else {
                run.fail("assertion.hashedURI.mismatch", "hash does not match assertion data: \(reference.url)")
            }
        }
        let listedLabels = Set(listed.compactMap { manifest.assertionLabel(url: $0.url) })
        guard
            let actionsLabel = manifest.labels(of: "c2pa.actions.v2").first
                ?? manifest.labels(of: "c2pa.actions").first,
            listedLabels.contains(actionsLabel)
        else {
            run.fail("assertion.action.malformed", "the manifest has no actions assertion listed in its claim")
            return
        }
        let first = manifest.cbor(actionsLabel)?["actions"]?.arrayValue?.first?["action"]?.textValue
        if first != "c2pa.created" && first != "c2pa.opened" {
            run.fail("assertion.action.malformed", "first action must be created or opened, not \(first ?? "none")")
        }
    }

    func checkBinding(_ run: inout Run, file: [UInt8], storeRange: Range<Int>?) {
        let manifest = run.manifest
        let created = Set(
            manifest.listedAssertions.filter(\.created).compactMap { manifest.assertionLabel(url: $0.url) }
        )
        let bindings = manifest.labels(of: "c2pa.hash.data").filter { created.contains($0) }
        guard bindings.count == 1, let binding = manifest.cbor(bindings[0]) else {
            run.fail(
                "claim.hardBindings.missing",
                "the claim's created assertions hold \(bindings.count) c2pa.hash.data bindings, not one"
            )
            return
        }
        let algorithm = binding["alg"]?.textValue ?? manifest.claim["alg"]?.textValue ?? "sha256"
        guard let expected = binding["hash"]?.bytesValue else {
            run.fail("assertion.dataHash.malformed", "the hash.data assertion has no hash")
            return
        }
        var ranges: [Range<Int>] = []
        for exclusion in binding["exclusions"]?.arrayValue ?? [] {
            guard let start = exclusion["start"]?.intValue, let length = exclusion["length"]?.intValue,
                start >= 0, length >= 0, start <= Int64(file.count), length <= Int64(file.count) - start
            else {
                run.fail("assertion.dataHash.malformed", "an exclusion lies outside the file")
                return
            }
            let range = Int(start)..<Int(start + length)
            if let last = ranges.last, range.lowerBound < last.upperBound {
                run.fail("assertion.dataHash.malformed", "exclusions overlap or are out of order")
                return
            }
            ranges.append(range)
        }
        if let storeRange {
            guard
                ranges.contains(where: {
                    $0.lowerBound <= storeRange.lowerBound && storeRange.upperBound <= $0.upperBound
                })
            else {
                run.fail("assertion.dataHash.mismatch", "the exclusions do not cover the manifest store")
                return
            }
            // Bytes excluded beyond the store are not protected: c2pa-rs reports them too.
            if ranges.contains(where: { $0 != storeRange }) {
                run.note(
                    "assertion.dataHash.additionalExclusionsPresent",
                    "bytes beside the manifest store are excluded from the hash and unprotected"
                )
            }
        }
        var pieces: [ArraySlice<UInt8>] = []
        var offset = 0
        for range in ranges {
            pieces.append(file[offset..<range.lowerBound])
            offset = range.upperBound
        }
        pieces.append(file[offset...])
        guard let digest = MessageDigest.hash(pieces: pieces, algorithm: algorithm) else {
            run.fail("algorithm.unsupported", "the binding is hashed with \(algorithm)")
            return
        }
        if digest == expected {
            run.pass("assertion.dataHash.match", "data hash valid")
        } else {
            run.fail("assertion.dataHash.mismatch", "asset hash error: the file's bytes are not the bytes signed")
        }
    }
}
