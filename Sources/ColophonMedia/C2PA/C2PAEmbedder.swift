import ColophonCrypto
import ColophonRecords
import Foundation

/// Builds a C2PA manifest store for an image and embeds it: assertions, a v2 claim that lists
/// each by hashed URI, a COSE_Sign1 claim signature, and the `c2pa.hash.data` hard binding
/// whose exclusion is exactly the inserted store.
///
/// The exclusion's length depends on the store's size, which depends on how wide CBOR writes
/// that length: the store is rebuilt until the two agree (two or three passes). With a TSA the
/// signature's unprotected header reserves room that the token and a `pad` fill exactly, so
/// the authority is asked once (twice when a token outgrows the room first reserved).
public struct C2PAEmbedder: Sendable {
    public var definition: C2PAManifestDefinition
    public var signer: C2PASigner
    /// Returns a DER TimeStampToken over the SHA-256 of the bytes it is given.
    public var timestamper: (@Sendable ([UInt8]) async throws -> [UInt8])?

    public init(
        definition: C2PAManifestDefinition,
        signer: C2PASigner,
        timestamper: (@Sendable ([UInt8]) async throws -> [UInt8])? = nil
    ) {
        self.definition = definition
        self.signer = signer
        self.timestamper = timestamper
    }

    /// An image with its manifest.
    public struct Signed: Sendable {
        public var bytes: [UInt8]
        /// The manifest store as embedded.
        public var store: [UInt8]
        /// The manifest's label (`urn:c2pa:…`).
        public var label: String
        /// Whether the signature carries an RFC 3161 time-stamp.
        public var timestamped: Bool
    }

    /// Signs `file` (PNG or JPEG without a manifest store).
    ///
    /// - Throws: ``MediaError`` for an unsupported or already-signed file, or an error of the
    ///   timestamper.
    public func sign(_ file: [UInt8]) async throws -> Signed {
        let container = try C2PAContainer(sniffing: file)
        if try container.find(in: file) != nil {
            throw MediaError(
                .unsupported,
                "C2PA: the image already carries a manifest store; `colophon c2pa import` reads it"
            )
        }
        let offset = try container.placement(in: file, storeCount: 0).offset
        let dataHash = SHA256.hash(file).bytes
        let label = "urn:c2pa:" + UUID().uuidString.lowercased()
        let instanceID = "xmp:iid:" + UUID().uuidString.lowercased()
        var reserve = timestamper == nil ? 0 : 8192
        var exclusion = 0
        for _ in 0..<8 {
            let claim = claimBytes(
                label: label,
                instanceID: instanceID,
                dataHash: dataHash,
                exclusion: (offset, exclusion)
            )
            let reserved: CBOR = reserve == 0 ? .map([]) : .map(["pad": .bytes([UInt8](repeating: 0, count: reserve))])
            var signature = try COSESign1.sign(
                payload: claim.bytes,
                key: signer.key,
                chain: signer.chain.map(\.der),
                unprotected: reserved
            )
            let needed = try container.placement(in: file, storeCount: store(label, claim, signature).count).length
            guard needed == exclusion else {
                exclusion = needed
                continue
            }
            if let timestamper {
                let token = try await timestamper(Self.countersigned(signature))
                guard let header = Self.unprotected(token: token, size: reserved.encoded.count) else {
                    reserve = token.count + 1024
                    continue
                }
                signature.unprotectedHeader = header
            }
            let bytes = store(label, claim, signature)
            return Signed(
                bytes: try container.inserting(bytes, into: file),
                store: bytes,
                label: label,
                timestamped: timestamper != nil
            )
        }
        throw MediaError(.invalid, "C2PA: the manifest's size did not settle")
    }

    /// The claim's bytes and the assertion boxes it lists.
    struct Claim {
        var bytes: [UInt8]
        var assertions: [JUMBFBox]
    }

    func claimBytes(label: String, instanceID: String, dataHash: [UInt8], exclusion: (Int, Int)) -> Claim {
        var boxes: [(String, JUMBFBox)] = []
        var ingredientLinks: [CBOR] = []
        for (index, ingredient) in definition.ingredients.enumerated() {
            let name = index == 0 ? "c2pa.ingredient.v3" : "c2pa.ingredient.v3__\(index)"
            let box = Self.assertion(name, ingredient.cbor)
            boxes.append((name, box))
            ingredientLinks.append(Self.hashedURI(name, box))
        }
        var action: [CBOR.Pair] = [.init(.text("action"), .text("c2pa.created"))]
        if let agent = definition.softwareAgent {
            var named: [CBOR.Pair] = [.init(.text("name"), .text(agent))]
            if let version = definition.softwareAgentVersion { named.append(.init(.text("version"), .text(version))) }
            action.append(.init(.text("softwareAgent"), .map(named)))
        }
        var parameters = definition.parameters
        if !ingredientLinks.isEmpty { parameters.insert(.init(.text("ingredients"), .array(ingredientLinks)), at: 0) }
        if !parameters.isEmpty { action.append(.init(.text("parameters"), .map(parameters))) }
        action.append(.init(.text("digitalSourceType"), .text(definition.digitalSourceType)))
        var actions: [CBOR] = [.map(action)]
        var assertions = definition.assertions
        if let watermark = definition.watermark {
            actions.append(.map([.init(.text("action"), .text("c2pa.watermarked"))]))
            let block = CBOR.map([.init(.text("scope"), .map([])), .init(.text("value"), .bytes(watermark.value))])
            assertions.append(
                (
                    C2PAManifestDefinition.softBindingLabel,
                    .map([
                        .init(.text("alg"), .text(watermark.algorithm)),
                        .init(.text("blocks"), .array([block])),
                        .init(.text("pad"), .bytes([])),
                    ])
                )
            )
        }
        boxes.append(("c2pa.actions.v2", Self.assertion("c2pa.actions.v2", .map(["actions": .array(actions)]))))
        for (name, content) in assertions {
            boxes.append((name, Self.assertion(name, content)))
        }
        let hashData = CBOR.map([
            "exclusions": .array([.map(["start": .int(Int64(exclusion.0)), "length": .int(Int64(exclusion.1))])]),
            "name": .text("jumbf manifest"),
            "alg": .text("sha256"),
            "hash": .bytes(dataHash),
            "pad": .bytes([]),
        ])
        boxes.append(("c2pa.hash.data", Self.assertion("c2pa.hash.data", hashData)))
        var generator: [CBOR.Pair] = [.init(.text("name"), .text(definition.generatorName))]
        if let version = definition.generatorVersion { generator.append(.init(.text("version"), .text(version))) }
        var claim: [CBOR.Pair] = [
            .init(.text("instanceID"), .text(instanceID)),
            .init(.text("claim_generator_info"), .map(generator)),
            .init(.text("signature"), .text("self#jumbf=/c2pa/\(label)/c2pa.signature")),
            .init(.text("created_assertions"), .array(boxes.map { Self.hashedURI($0.0, $0.1) })),
        ]
        if let title = definition.title { claim.append(.init(.text("dc:title"), .text(title))) }
        claim.append(.init(.text("alg"), .text("sha256")))
        return Claim(bytes: CBOR.map(claim).encoded, assertions: boxes.map(\.1))
    }

    func store(_ label: String, _ claim: Claim, _ signature: COSESign1) -> [UInt8] {
        let manifest = JUMBFBox.superbox(
            JUMBFDescription(type: JUMBFDescription.manifest, label: label),
            [
                .superbox(
                    JUMBFDescription(type: JUMBFDescription.assertionStore, label: "c2pa.assertions"),
                    claim.assertions
                ),
                .superbox(
                    JUMBFDescription(type: JUMBFDescription.claim, label: "c2pa.claim.v2"),
                    [.content(type: "cbor", payload: claim.bytes)]
                ),
                .superbox(
                    JUMBFDescription(type: JUMBFDescription.claimSignature, label: "c2pa.signature"),
                    [.content(type: "cbor", payload: signature.encoded)]
                ),
            ]
        )
        return JUMBFBox.superbox(JUMBFDescription(type: JUMBFDescription.manifestStore, label: "c2pa"), [manifest])
            .encoded
    }

    static func assertion(_ label: String, _ content: CBOR) -> JUMBFBox {
        .superbox(
            JUMBFDescription(type: JUMBFDescription.cborAssertion, label: label),
            [.content(type: "cbor", payload: content.encoded)]
        )
    }

    /// `{url, hash}` for an assertion in this manifest's assertion store.
    static func hashedURI(_ label: String, _ box: JUMBFBox) -> CBOR {
        .map([
            "url": .text("self#jumbf=c2pa.assertions/\(label)"),
            "hash": .bytes(SHA256.hash(box.encodedPayload).bytes),
        ])
    }

    /// What an RFC 3161 `sigTst2` token's imprint covers: the CBOR of
    /// `["CounterSignature", protected, h'', bstr(encoded signature bstr)]`.
    public static func countersigned(_ signature: COSESign1) -> [UInt8] {
        CBOR.array([
            .text("CounterSignature"), .bytes(signature.protectedHeader), .bytes([]),
            .bytes(CBOR.bytes(signature.signature).encoded),
        ]).encoded
    }

    /// `{"sigTst2": {"tstTokens": [{"val": token}]}, "pad": zeros}` encoded in exactly `size`
    /// bytes, or nil when the token does not fit.
    static func unprotected(token: [UInt8], size: Int) -> CBOR? {
        let tokens = CBOR.map(["tstTokens": .array([.map(["val": .bytes(token)])])])
        func header(_ padding: Int) -> CBOR {
            .map(["sigTst2": tokens, "pad": .bytes([UInt8](repeating: 0, count: padding))])
        }
        // With an empty pad the bstr head is one byte; a pad of n bytes adds n and widens the head.
        let base = header(0).encoded.count - 1
        for head in [1, 2, 3, 5] {
            let padding = size - base - head
            guard padding >= 0 else { continue }
            let candidate = header(padding)
            if candidate.encoded.count == size { return candidate }
        }
        return nil
    }
}
