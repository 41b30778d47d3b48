import ColophonCrypto
import ColophonMedia
import ColophonRecords
import Foundation
import Testing

@Suite struct C2PAEmbedderTests {
    static func definition(extra: [(label: String, content: CBOR)] = []) -> C2PAManifestDefinition {
        C2PAManifestDefinition(
            title: "fox.png",
            generatorName: "Colophon",
            generatorVersion: "1.0",
            softwareAgent: "ComfyUI",
            parameters: [.init(.text("org.colophon.seed"), .int(42))],
            ingredients: [
                C2PAIngredient(title: "sdxl-base", dataTypes: ["c2pa.types.generator"], description: "base model"),
                C2PAIngredient(title: "fox-lora", dataTypes: ["c2pa.types.model"], description: "LoRA at 0.8"),
            ],
            assertions: [(label: C2PAManifestDefinition.recordLabel, content: .map(["log_index": .int(7)]))] + extra
        )
    }

    static func sign(
        _ name: String,
        pki: C2PATestPKI,
        extra: [(label: String, content: CBOR)] = []
    ) async throws -> C2PAEmbedder.Signed {
        let embedder = C2PAEmbedder(definition: definition(extra: extra), signer: try pki.signer())
        return try await embedder.sign(try ContainerTests.bytes(name))
    }

    @Test(arguments: ["a1111_s2.png", "a1111_s2.jpg"], [SignatureAlgorithm.ecdsaP256SHA256, .ed25519])
    func signedImagesValidateAndAreTrustedWithTheRoot(name: String, algorithm: SignatureAlgorithm) async throws {
        let pki = try C2PATestPKI(algorithm: algorithm)
        let signed = try await Self.sign(name, pki: pki)
        let original = try ContainerTests.bytes(name)
        let container = try C2PAContainer(sniffing: signed.bytes)
        // The original bytes are untouched around the inserted store.
        #expect(try container.removing(from: signed.bytes) == original)
        #expect(try container.find(in: signed.bytes)?.store == signed.store)

        let untrusted = try #require(try C2PAValidator().validate(file: signed.bytes))
        #expect(untrusted.state == .valid)
        #expect(untrusted.failure.map(\.code) == ["signingCredential.untrusted"])
        let trusted = try #require(try C2PAValidator(anchors: [pki.root]).validate(file: signed.bytes))
        #expect(trusted.state == .trusted, "\(trusted.failure)")
        #expect(trusted.success.map(\.code).contains("assertion.dataHash.match"))
        #expect(trusted.manifest.label == signed.label)
        #expect(trusted.manifest.labels(of: "c2pa.ingredient.v3").count == 2)
        #expect(
            trusted.signer == "CN=Test Signer,O=Colophon Tests" || trusted.signer == "O=Colophon Tests,CN=Test Signer"
        )
        // The generator's own metadata is still there.
        #expect(MetadataReader.read(try ImageFile(bytes: signed.bytes)).parameters?.seed != nil)
    }

    @Test(arguments: ["a1111_s2.png", "a1111_s2.jpg"])
    func aFlippedPixelByteIsAHashMismatch(name: String) async throws {
        let pki = try C2PATestPKI()
        var bytes = try await Self.sign(name, pki: pki).bytes
        bytes[bytes.count - 40] ^= 0x01
        let result = try #require(try C2PAValidator(anchors: [pki.root]).validate(file: bytes))
        #expect(result.state == .invalid)
        #expect(result.failed("assertion.dataHash.mismatch"))
        #expect(result.failed("claimSignature.mismatch") == false)
    }

    @Test func anEditedClaimBreaksTheSignature() async throws {
        let pki = try C2PATestPKI()
        let signed = try await Self.sign("a1111_s2.png", pki: pki)
        // The claim generator's name is the first "Colophon" in the store (labels are lower case).
        var store = signed.store
        let at = try #require(store.firstRange(of: Array("Colophon".utf8)))
        store[at.lowerBound] = UInt8(ascii: "K")
        let original = try C2PAContainer.png.removing(from: signed.bytes)
        let bytes = try C2PAContainer.png.inserting(store, into: original)
        let result = try #require(try C2PAValidator(anchors: [pki.root]).validate(file: bytes))
        #expect(result.failed("claimSignature.mismatch"))
        #expect(result.state == .invalid)
    }

    @Test func aLargeStoreSpansSeveralAPP11SegmentsAndReassembles() async throws {
        let pki = try C2PATestPKI()
        let blob = (0..<150_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let signed = try await Self.sign("a1111_s2.jpg", pki: pki, extra: [("org.colophon.blob", .bytes(blob))])
        #expect(signed.store.count > 128_000)
        let segments = try JPEGFile(bytes: signed.bytes).segments.filter { $0.marker == 0xEB }
        #expect(segments.count == 3)
        let result = try #require(try C2PAValidator(anchors: [pki.root]).validate(file: signed.bytes))
        #expect(result.state == .trusted, "\(result.failure)")

        // Dropping the middle segment is a truncated sequence, not a crash.
        var bytes = signed.bytes
        let starts = (0..<(bytes.count - 1)).filter { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xEB }
        let second = starts[1]
        let length = Int(bytes[second + 2]) << 8 | Int(bytes[second + 3])
        bytes.removeSubrange(second..<(second + 2 + length))
        #expect(throws: MediaError.self) { try C2PAValidator().validate(file: bytes) }
    }

    /// Hands out tokens of the sizes given, one per call.
    actor FakeAuthority {
        var sizes: [Int]
        var calls = 0

        init(sizes: [Int]) { self.sizes = sizes }

        func token(for bytes: [UInt8]) -> [UInt8] {
            calls += 1
            return [UInt8](repeating: 0xA5, count: sizes.removeFirst())
        }
    }

    @Test(arguments: [[3000], [20_000, 20_003]])
    func aTimestampTokenFillsTheReservedRoomExactly(sizes: [Int]) async throws {
        let pki = try C2PATestPKI()
        let authority = FakeAuthority(sizes: sizes)
        let embedder = C2PAEmbedder(
            definition: Self.definition(),
            signer: try pki.signer(),
            timestamper: { await authority.token(for: $0) }
        )
        let signed = try await embedder.sign(try ContainerTests.bytes("a1111_s2.jpg"))
        #expect(signed.timestamped)
        // One call when the token fits the reserved 8 KiB; a second, after growing it, when not.
        #expect(await authority.calls == sizes.count)
        let store = try C2PAManifestStore(bytes: signed.store)
        let signature = try COSESign1(decoding: store.active.signatureBytes)
        let token = signature.unprotectedHeader["sigTst2"]?["tstTokens"]?.arrayValue?.first?["val"]?.bytesValue
        #expect(token?.count == sizes.last)
        // The padded header kept the store the size the binding's exclusion names.
        let result = try #require(try C2PAValidator(anchors: [pki.root]).validate(file: signed.bytes))
        #expect(result.state == .trusted, "\(result.failure)")
        #expect(result.informational.map(\.code) == ["timeStamp.untrusted"])
    }

    @Test func signersOutsideTheProfileAreRefused() throws {
        let noEKU = CertificateProfile(
            extensions: CertificateProfile.claimSigner.extensions.filter { $0.name != "extendedKeyUsage" }
        )
        let serverAuth = CertificateProfile(
            extensions: CertificateProfile.claimSigner.extensions.map {
                $0.name == "extendedKeyUsage" ? .init("extendedKeyUsage", "serverAuth") : $0
            }
        )
        for (profile, words) in [
            (noEKU, "no extended key usage"), (serverAuth, "neither emailProtection"),
            (CertificateProfile.intermediate, "CA certificate"),
        ] {
            let pki = try C2PATestPKI(leafProfile: profile)
            #expect {
                try pki.signer()
            } throws: {
                ($0 as? MediaError)?.reason.contains(words) == true
            }
        }
        let expired = try C2PATestPKI(leafStart: Date(timeIntervalSinceNow: -10 * 86_400), leafDays: 1)
        #expect(throws: MediaError.self) { try expired.signer() }
        let pki = try C2PATestPKI()
        let otherKey = try SigningKey.generate(.ecdsaP256SHA256)
        #expect {
            try C2PASigner(key: otherKey, chain: pki.chain)
        } throws: {
            ($0 as? MediaError)?.reason.contains("does not match") == true
        }
    }

    @Test func anExpiredSignerIsReportedExpired() async throws {
        let pki = try C2PATestPKI()
        let signed = try await Self.sign("a1111_s2.png", pki: pki)
        let later = C2PAValidator(anchors: [pki.root], now: Date(timeIntervalSinceNow: 90 * 86_400))
        let result = try #require(try later.validate(file: signed.bytes))
        #expect(result.failed("signingCredential.expired"))
        #expect(result.state == .invalid)
    }

    @Test func anAlgorithmTheKeyDidNotSignWithIsAMismatch() async throws {
        let pki = try C2PATestPKI()
        let signed = try await Self.sign("a1111_s2.png", pki: pki)
        let store = try C2PAManifestStore(bytes: signed.store)
        var signature = try COSESign1(decoding: store.active.signatureBytes)
        // ES384 (-35) in place of ES256 (-7): the protected header's second byte pair.
        let at = try #require(signature.protectedHeader.firstRange(of: [0x01, 0x26]))
        signature.protectedHeader.replaceSubrange(at, with: [0x01, 0x38, 0x22])
        let result = C2PAValidator(anchors: [pki.root]).validate(
            store: try C2PAManifestStore(
                bytes: Self.replacing(store.active.signatureBytes, with: signature.encoded, in: signed.store)
            ),
            file: signed.bytes
        )
        #expect(result.failed("claimSignature.mismatch"))
        #expect(
            result.failure.first { $0.code == "claimSignature.mismatch" }?.explanation.contains("does not match")
                == true
        )

        // An algorithm C2PA does not allow at all (-999) is named as such.
        var unknown = try COSESign1(decoding: store.active.signatureBytes)
        let position = try #require(unknown.protectedHeader.firstRange(of: [0x01, 0x26]))
        unknown.protectedHeader.replaceSubrange(position, with: [0x01, 0x39, 0x03, 0xE6])
        let refused = C2PAValidator(anchors: [pki.root]).validate(
            store: try C2PAManifestStore(
                bytes: Self.replacing(store.active.signatureBytes, with: unknown.encoded, in: signed.store)
            ),
            file: signed.bytes
        )
        #expect(refused.failure.first { $0.code == "claimSignature.mismatch" }?.explanation.contains("-999") == true)
    }

    @Test func aSwappedManifestLabelIsCaught() async throws {
        let pki = try C2PATestPKI()
        let signed = try await Self.sign("a1111_s2.png", pki: pki)
        // Same length, so the store keeps its size and the binding still matches.
        var store = signed.store
        let label = Array(signed.label.utf8)
        let at = try #require(store.firstRange(of: label))
        var swapped = label
        swapped[swapped.count - 1] =
            swapped[swapped.count - 1] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        store.replaceSubrange(at, with: swapped)
        let bytes = try C2PAContainer.png.inserting(store, into: try C2PAContainer.png.removing(from: signed.bytes))
        let result = try #require(try C2PAValidator(anchors: [pki.root]).validate(file: bytes))
        #expect(result.state == .invalid)
        #expect(result.failed("claimSignature.missing"))
        #expect(!result.failed("assertion.dataHash.mismatch"))
    }

    @Test func aStoreMovedOutsideItsExclusionIsCaught() async throws {
        let pki = try C2PATestPKI()
        let signed = try await Self.sign("a1111_s2.png", pki: pki)
        let bare = try C2PAContainer.png.removing(from: signed.bytes)
        // The same chunk just before IEND: the exclusion now names pixel bytes instead.
        let chunk = Array(signed.bytes[try #require(try C2PAContainer.png.find(in: signed.bytes)).range])
        let moved = Array(bare[..<(bare.count - 12)]) + chunk + Array(bare[(bare.count - 12)...])
        let result = try #require(try C2PAValidator(anchors: [pki.root]).validate(file: moved))
        #expect(result.state == .invalid)
        #expect(result.failure.first?.explanation.contains("do not cover the manifest store") == true)
    }

    @Test func aClaimListingOneAssertionTwiceIsMalformed() async throws {
        let pki = try C2PATestPKI()
        let signed = try await Self.sign("a1111_s2.png", pki: pki)
        let store = try C2PAManifestStore(bytes: signed.store)
        guard case .map(var pairs) = store.active.claim else {
            Issue.record("the claim is not a map")
            return
        }
        let index = try #require(pairs.firstIndex { $0.key == .text("created_assertions") })
        let listed = try #require(pairs[index].value.arrayValue)
        pairs[index].value = .array(listed + Array(repeating: listed[0], count: 50_000))
        let hostile = try Self.replacing(store.active.claimBytes, with: CBOR.map(pairs).encoded, in: signed.store)
        let result = C2PAValidator(anchors: [pki.root]).validate(
            store: try C2PAManifestStore(bytes: hostile),
            file: signed.bytes
        )
        #expect(result.failed("claim.malformed"))
        #expect(result.state == .invalid)
    }

    /// The store with one content payload replaced, every enclosing length fixed up.
    static func replacing(_ old: [UInt8], with new: [UInt8], in store: [UInt8]) throws -> [UInt8] {
        func rewrite(_ box: JUMBFBox) -> JUMBFBox {
            switch box {
            case .content(let type, let payload): .content(type: type, payload: payload == old ? new : payload)
            case .superbox(let description, let children): .superbox(description, children.map(rewrite))
            }
        }
        return rewrite(try JUMBFReader().read(store)).encoded
    }

    /// The store with `extra` added to the active manifest's assertion store, unlisted by the claim.
    static func adding(_ extra: JUMBFBox, to store: [UInt8]) throws -> [UInt8] {
        func rewrite(_ box: JUMBFBox) -> JUMBFBox {
            guard case .superbox(let description, let children) = box else { return box }
            if description.type == JUMBFDescription.assertionStore { return .superbox(description, children + [extra]) }
            return .superbox(description, children.map(rewrite))
        }
        return rewrite(try JUMBFReader().read(store)).encoded
    }

    @Test func assertionsTheClaimDoesNotListAreIgnored() async throws {
        let pki = try C2PATestPKI()
        let signed = try await Self.sign("a1111_s2.png", pki: pki)
        // The hard binding excludes the store, so a box slipped into it (in room an unsigned
        // pad left, say) does not break the binding; what it says must still count for nothing.
        let forgedRecord = JUMBFBox.superbox(
            JUMBFDescription(type: JUMBFDescription.cborAssertion, label: "org.colophon.record__1"),
            [.content(type: "cbor", payload: CBOR.map(["record_id": .text("sha256:forged")]).encoded)]
        )
        let forgedLoRA = JUMBFBox.superbox(
            JUMBFDescription(type: JUMBFDescription.cborAssertion, label: "c2pa.ingredient.v3__7"),
            [
                .content(
                    type: "cbor",
                    payload: C2PAIngredient(title: "forged", dataTypes: ["c2pa.types.model"]).cbor.encoded
                )
            ]
        )
        let store = try C2PAManifestStore(
            bytes: try Self.adding(forgedLoRA, to: try Self.adding(forgedRecord, to: signed.store))
        )
        #expect(store.active.assertions.count == 7)
        let facts = C2PAGeneration(manifest: store.active)
        #expect(facts.adapters.map(\.title) == ["fox-lora"])
        #expect(facts.recordID == nil)
        #expect(C2PAGeneration(manifest: try C2PAManifestStore(bytes: signed.store).active).adapters.count == 1)

        // Two boxes under one label are malformed: the second could shadow the hashed one.
        let duplicate = JUMBFBox.superbox(
            JUMBFDescription(type: JUMBFDescription.cborAssertion, label: "c2pa.actions.v2"),
            [.content(type: "cbor", payload: CBOR.map(["actions": .array([])]).encoded)]
        )
        #expect {
            try C2PAManifestStore(bytes: try Self.adding(duplicate, to: signed.store))
        } throws: {
            ($0 as? MediaError)?.reason.contains("two assertions labelled c2pa.actions.v2") == true
        }
    }

    @Test func hostileStoresAreErrorsNotCrashes() async throws {
        let pki = try C2PATestPKI()
        let signed = try await Self.sign("a1111_s2.png", pki: pki)
        let found = try #require(try C2PAContainer.png.find(in: signed.bytes))
        // Two stores.
        let twice = try C2PAContainer.png.inserting(signed.store, into: signed.bytes)
        #expect(throws: MediaError.self) { try C2PAValidator().validate(file: twice) }
        // A bad CRC.
        var badCRC = signed.bytes
        badCRC[found.range.upperBound - 1] ^= 0xFF
        #expect(throws: MediaError.self) { try C2PAValidator().validate(file: badCRC) }
        // A claim with an indefinite-length map: the decoder refuses it.
        var claim = try C2PAManifestStore(bytes: signed.store).active.claimBytes
        claim[0] = 0xBF
        let indefinite = try Self.replacing(
            try C2PAManifestStore(bytes: signed.store).active.claimBytes,
            with: claim,
            in: signed.store
        )
        #expect(throws: MediaError.self) { try C2PAManifestStore(bytes: indefinite) }
        // A store declaring a huge box.
        var huge = signed.store
        huge[0...3] = [0x7F, 0xFF, 0xFF, 0xFF]
        #expect(throws: MediaError.self) { try C2PAManifestStore(bytes: huge) }
        // Truncations at every length end in an error, never a crash.
        for cut in stride(from: 0, to: signed.store.count, by: 97) {
            #expect(throws: MediaError.self) { try C2PAManifestStore(bytes: Array(signed.store[..<cut])) }
        }
        // An already-signed image is not signed again.
        let embedder = C2PAEmbedder(definition: Self.definition(), signer: try pki.signer())
        await #expect(throws: MediaError.self) { try await embedder.sign(signed.bytes) }
        // WebP is not a C2PA container here.
        #expect(throws: MediaError.self) { try C2PAContainer(sniffing: try ContainerTests.bytes("a1111_s2.webp")) }
    }
}
