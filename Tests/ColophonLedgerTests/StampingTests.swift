import ColophonCrypto
import ColophonLedger
import ColophonMedia
import ColophonRecords
import ColophonStorage
import Foundation
import Testing

/// Stamping generator output end to end: registration, resolution, embedding, and finding the
/// record again from stripped, resized and re-encoded copies.
@Suite struct StampingTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = here.appendingPathComponent("../Fixtures/gen-metadata").standardized
    static let derived = here.appendingPathComponent("../Fixtures/pdq/derived").standardized

    static func fixture(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(path)))
    }

    /// A ledger with a generator key and the LoRA fixture registered.
    static func setUp() async throws -> (TestLedger, SigningKey, RecordID) {
        let test = try await TestLedger()
        _ = try await test.ledger.createKey(name: "studio", role: .generator)
        let key = try test.ledger.keyring.load("studio")
        let lora = try ModelFile(path: fixtures.appendingPathComponent("synth/lora_test.safetensors").path)
        let registered = try await test.ledger.registerAdapter(lora, emulates: ["Artist Name"], key: key)
        return (test, key, registered.record)
    }

    /// The A1111 fixture with its parameters replaced.
    static func image(parameters: String) throws -> [UInt8] {
        var png = try PNGFile(bytes: try fixture("synth/a1111_s1.png"))
        let kind: PNGText.Kind = parameters.unicodeScalars.allSatisfy { $0.value <= 0xFF } ? .text : .internationalText
        try png.setText(PNGText(keyword: "parameters", text: parameters, kind: kind))
        return png.serialized()
    }

    @Test func adapterRegistrationSummarisesTraining() async throws {
        let (test, key, id) = try await Self.setUp()
        let record = try await test.ledger.record(id)
        let adapter = try record.statement.decodePredicate(as: AdapterPredicate.self)
        #expect(adapter.name == "inkwash_style_v2")
        #expect(adapter.kind == "lora")
        #expect(adapter.emulates == ["Artist Name"])
        #expect(adapter.hashes.autov3 == "73323f360729f172d0670cc11d9ed4cfd3b6cd7a724205ee5ff2dc58efd8b3dc")
        #expect(adapter.training?.topTags?.first == .init(tag: "inkwash artistname", count: 40))
        #expect(adapter.baseModel?.name == "sd_xl_base_1.0.safetensors")
        #expect(adapter.triggerWords == ["inkwash artistname"])
        let blob = try #require(adapter.headerBlob)
        let digest = try #require(SHA256Digest(hex: blob.dropFirst(7)))
        let stored = try #require(try await test.ledger.store.blob(digest))
        #expect(stored.count == 1464)
        // Registering the same file again returns the first record.
        let lora = try ModelFile(path: Self.fixtures.appendingPathComponent("synth/lora_test.safetensors").path)
        let again = try await test.ledger.registerAdapter(lora, key: key)
        #expect(again.record == id && !again.isNew)
    }

    @Test(
        arguments: [
            ("<lora:inkwash:0.7>", "inkwash: 73323f360729", "AutoV3 (A1111)"),
            ("<lora:ink:0.7>", "ink: 301547f422e6", "full-file SHA-256 (Forge 2025)"),
            ("<lora:ink:0.7>", "ink: 73f43767426b", "SHA-256 of the file name (Forge 2024)"),
            ("<lora:inkwash_style_v2:0.7>", nil, "the training output name"),
            ("<lora:lora_test:0.7>", nil, "the file name"),
        ] as [(String, String?, String)]
    )
    func loraResolvesByAnyHashOrName(tag: String, hashes: String?, how: String) async throws {
        let (test, key, id) = try await Self.setUp()
        let version = how.contains("Forge") ? "f2.0.1v1.10.1-previous-669-gdfdcbab6" : "v1.10.1"
        let hashSetting = hashes.map { ", Lora hashes: \"\($0)\"" } ?? ""
        let text = "a heron \(tag)\nSteps: 20, Sampler: Euler, Seed: 7, Size: 64x64\(hashSetting), Version: \(version)"
        let stamper = try await Stamper(ledger: test.ledger, key: key)
        let (outcome, _) = try await stamper.stamp(bytes: try Self.image(parameters: text), name: "heron.png")
        let adapter = try #require(outcome.predicate?.adapters?.first)
        #expect(adapter.record == id.description, "\(how)")
        #expect(adapter.weight == 0.7)
        #expect(outcome.unresolved.isEmpty)
    }

    @Test func unknownModelsAreRecordedNotDropped() async throws {
        let (test, key, _) = try await Self.setUp()
        let stamper = try await Stamper(ledger: test.ledger, key: key)
        let (outcome, _) = try await stamper.stamp(bytes: try Self.fixture("synth/a1111_s2.png"), name: "fox.png")
        let predicate = try #require(outcome.predicate)
        #expect(predicate.model == .init(name: "sd_xl_base_1.0", hash: "31e35c80fc"))
        #expect(predicate.adapters?.map(\.name) == ["add-detail-xl", "ink, style v2"])
        #expect(predicate.adapters?.map(\.hash) == ["0d9bd1b873aa", "5e1a2b3c4d5e"])
        #expect(predicate.adapters?.allSatisfy { $0.record == nil } == true)
        #expect(Set(outcome.unresolved) == ["sd_xl_base_1.0", "add-detail-xl", "ink, style v2"])
        #expect(predicate.parameters?.seed == 2_921_279_476)
        #expect(predicate.parameters?.vae == "sdxl_vae.safetensors")
        #expect(predicate.generator == .init(name: "AUTOMATIC1111", version: "v1.10.1"))
        #expect(predicate.digitalSourceType == GenerationPredicate.trainedAlgorithmicMedia)
        #expect(predicate.source?.kind == "generator-metadata")
        let blob = try #require(predicate.rawMetadataBlob)
        let digest = try #require(SHA256Digest(hex: blob.dropFirst(7)))
        let raw = try #require(try await test.ledger.store.blob(digest))
        #expect(String(decoding: raw, as: UTF8.self).contains("ink style v2: 5e1a2b3c4d5e"))
    }

    @Test func flagsOverrideMetadata() async throws {
        let (test, key, id) = try await Self.setUp()
        let stamper = try await Stamper(ledger: test.ledger, key: key)
        var options = StampOptions()
        options.prompt = "declared prompt"
        options.seed = "18446744073709551615"
        options.loras = [("inkwash_style_v2", 0.5), ("unknown-lora", 1)]
        options.model = "my-model"
        let (outcome, _) = try await stamper.stamp(
            bytes: try Self.fixture("synth/a1111_s2.png"),
            name: "fox.png",
            options: options
        )
        let predicate = try #require(outcome.predicate)
        #expect(predicate.prompt == .clear("declared prompt"))
        #expect(predicate.parameters?.seed == nil)
        #expect(predicate.parameters?.other?["seed"] == .string("18446744073709551615"))
        #expect(predicate.adapters?.map(\.record) == [id.description, nil])
        #expect(predicate.adapters?.map(\.weight) == [0.5, 1])
        #expect(predicate.model?.name == "my-model")
    }

    @Test func embeddedCredentialVerifiesAndSurvivesStripping() async throws {
        let (test, key, _) = try await Self.setUp()
        let folder = test.root.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("stealth.png").path
        let original = try Self.fixture("sd-parsers/AUTOMATIC1111/automatic1111_stealth.png")
        try Data(original).write(to: URL(fileURLWithPath: path))
        let stamper = try await Stamper(ledger: test.ledger, key: key)
        var options = StampOptions()
        options.embed = true
        options.provider = "Example Studio"
        let outcome = try await stamper.stamp(path: path, options: options)
        #expect(outcome.status == .stamped)
        #expect(outcome.embeddedPath == path)
        #expect(outcome.predicate?.prompt == .clear("a circle"))
        let embedded = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(embedded != original)
        // Pixels untouched.
        #expect(try ImageDecoder.decode(embedded).rgba == (try ImageDecoder.decode(original).rgba))
        let packet = try #require(try ImageFile(bytes: embedded).xmp)
        let credential = try #require(try XMPPacket.credential(in: packet))
        #expect(credential.recordID == outcome.recordID.description)
        #expect(credential.logIndex == outcome.index)
        #expect(credential.provider == "Example Studio")

        let verified = try await test.ledger.verifyImage(bytes: embedded, name: "stealth.png")
        #expect(verified.verdict == .verified, "\(verified.problems)")
        #expect(verified.method == .credential)
        #expect(verified.record?.recordID == outcome.recordID)
        #expect(verified.provedAgainst != nil)

        // Every ancillary chunk gone and the image data laid out differently, as a platform
        // re-save leaves it: other file bytes, the same pixels.
        var png = try PNGFile(bytes: embedded)
        png.chunks.removeAll { !$0.isCritical }
        let idat = try #require(png.chunks.firstIndex { $0.type == "IDAT" })
        let data = png.chunks[idat].data
        let half = data.startIndex + data.count / 2
        png.chunks.replaceSubrange(
            idat...idat,
            with: [PNGChunk(type: "IDAT", data: data[..<half]), PNGChunk(type: "IDAT", data: data[half...])]
        )
        #expect(png.serialized() != original)
        let stripped = try await test.ledger.verifyImage(bytes: png.serialized(), name: "stripped.png")
        #expect(stripped.verdict == .matchesRecord)
        #expect(stripped.method == .pixelDigest)
        #expect(stripped.record?.recordID == outcome.recordID)

        // Resized and re-encoded copies: found by PDQ.
        for copy in ["stealth_up_640x427_q75.jpg", "stealth_down_48x40_box.png", "stealth_up_1000x1000_q30.jpg"] {
            let bytes = Array(try Data(contentsOf: Self.derived.appendingPathComponent(copy)))
            let similar = try await test.ledger.verifyImage(bytes: bytes, name: copy)
            #expect(similar.verdict == .similarTo, "\(copy)")
            #expect(similar.record?.recordID == outcome.recordID)
            #expect((similar.distance ?? 99) <= 31)
        }

        // Stamping again finds the existing record; a copy without the credential (a run that
        // stopped after logging) gets it embedded, and one that has it is left alone.
        try Data(original).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let again = try await stamper.stamp(path: path, options: options)
        #expect(again.status == .alreadyStamped && again.recordID == outcome.recordID)
        #expect(again.embeddedPath == path)
        let rewritten = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(rewritten == embedded)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let third = try await stamper.stamp(path: path, options: options)
        #expect(third.status == .alreadyStamped && third.embeddedPath == nil)
    }

    @Test func credentialOnOtherPixelsIsTampered() async throws {
        let (test, key, _) = try await Self.setUp()
        let stamper = try await Stamper(ledger: test.ledger, key: key)
        var options = StampOptions()
        options.embed = true
        let (_, embedded) = try await stamper.stamp(
            bytes: try Self.fixture("sd-parsers/AUTOMATIC1111/automatic1111_stealth.png"),
            name: "a.png",
            options: options
        )
        let embeddedBytes = try #require(embedded)
        let packet = try #require(try ImageFile(bytes: embeddedBytes).xmp)
        let other = try ImageFile(
            bytes: Array(try Data(contentsOf: Self.derived.appendingPathComponent("synthetic_301x226.png")))
        )
        let forged = try other.embeddingXMP(packet)
        let result = try await test.ledger.verifyImage(bytes: forged, name: "forged.png")
        #expect(result.verdict == .tampered)
        #expect(result.problems.contains { $0.contains("pixel digest") })
    }

    @Test func unknownImageIsUnknown() async throws {
        let (test, _, _) = try await Self.setUp()
        let bytes = Array(try Data(contentsOf: Self.derived.appendingPathComponent("synthetic_1200x900.png")))
        let result = try await test.ledger.verifyImage(bytes: bytes, name: "x.png")
        #expect(result.verdict == .unknown)
    }

    @Test func unreadableMetadataIsSaidInTheRecord() async throws {
        let (test, key, _) = try await Self.setUp()
        let stamper = try await Stamper(ledger: test.ledger, key: key)
        var png = try PNGFile(bytes: try Self.fixture("synth/a1111_s1.png"))
        try png.setText(
            PNGText(keyword: "parameters", text: #"{"made_by": "someone else", "prompt": "x"}"#, kind: .text)
        )
        let (outcome, _) = try await stamper.stamp(bytes: png.serialized(), name: "swarm.png")
        #expect(outcome.predicate?.source?.kind == "generator-metadata")
        #expect(outcome.predicate?.source?.description?.hasPrefix("metadata unreadable") == true)
        #expect(outcome.predicate?.rawMetadataBlob != nil)
    }

    @Test func brokenImagesAreBadInputAndNothingIsWritten() async throws {
        let (test, key, _) = try await Self.setUp()
        let stamper = try await Stamper(ledger: test.ledger, key: key)
        let good = try Self.fixture("synth/a1111_s1.png")
        let size = try await test.ledger.latestCheckpoint().size
        for bytes in [Array(good.prefix(good.count / 2)), [UInt8](repeating: 0, count: 100), Array(good.dropFirst(8))] {
            await #expect {
                _ = try await stamper.stamp(bytes: bytes, name: "bad.png")
            } throws: { ($0 as? LedgerError)?.code == .badInput }
        }
        #expect(try await test.ledger.latestCheckpoint().size == size)
    }

    @Test func artistsAreFoundByDeclarationOrTrainingMetadata() async throws {
        let (test, _, id) = try await Self.setUp()
        let catalog = try await test.ledger.modelCatalog()
        let entry = try #require(catalog.entries.first { $0.record == id })
        func basis(_ artist: String) -> AttributionPredicate.Basis? {
            entry.attribution(to: ArtistName(artist).map { [$0] } ?? [], artist: artist)?.basis
        }
        #expect(basis("artist name") == .declared)
        #expect(basis("ARTISTNAME") == .trainingMetadata)
        #expect(basis("inkwash-artistname") == .trainingMetadata)
        #expect(basis("art") == nil)
        #expect(basis("  ") == nil)
        #expect(ArtistName("10_Greg-Rutkowski")?.words == "greg rutkowski")
        #expect(ArtistName("greg_rutkowski") == ArtistName("Greg Rutkowski"))
        #expect(ArtistName("rutkowski")?.isNamed(in: "in the style of Greg Rutkowski, oil") == true)
        #expect(ArtistName("rutkowski")?.isNamed(in: "rutkowskian") == false)
    }

    @Test func pdqIndexFindsEverythingWithinTheThreshold() {
        var index = PDQIndex()
        var state: UInt64 = 42
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        var hashes: [PDQHash] = []
        for entry in 0..<5000 {
            let words = [next(), next(), next(), next()]
            let bytes = words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (56 - 8 * UInt64($0))) }
            }
            let hash = PDQHash(bytes: bytes, quality: 100)
            hashes.append(hash)
            index.add(hash, entry: UInt64(entry))
        }
        var probe = hashes[1234].bytes
        for bit in [3, 77, 130, 200, 255] { probe[bit / 8] ^= 1 << UInt8(bit % 8) }
        let found = index.search(PDQHash(bytes: probe, quality: 100))
        #expect(found.first?.entry == 1234 && found.first?.distance == 5)
        // A brute-force check of the whole set.
        let probeHash = PDQHash(bytes: probe, quality: 100)
        let expected = hashes.enumerated().filter { $0.element.distance(to: probeHash) <= 31 }.map { UInt64($0.offset) }
        #expect(Set(found.map(\.entry)) == Set(expected))
    }
}
