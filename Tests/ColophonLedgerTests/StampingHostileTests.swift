import ColophonCrypto
import ColophonLedger
import ColophonMedia
import ColophonRecords
import Foundation
import Testing

/// Stamping and verifying against hostile metadata and records that no longer stand.
@Suite struct StampingHostileTests {
    static func stealth() throws -> [UInt8] {
        try StampingTests.fixture("sd-parsers/AUTOMATIC1111/automatic1111_stealth.png")
    }

    @Test func extremeSeedsAndShortHashesAreKeptNotTrusted() async throws {
        let (test, key, _) = try await StampingTests.setUp()
        let stamper = try await Stamper(ledger: test.ledger, key: key)
        let text =
            "x <lora:inkwash:0.5>\nSteps: 20, Sampler: Euler, Seed: -9223372036854775808, Size: 64x64, Lora hashes: \"inkwash: 7332\""
        let (outcome, _) = try await stamper.stamp(bytes: try StampingTests.image(parameters: text), name: "x.png")
        let predicate = try #require(outcome.predicate)
        #expect(predicate.parameters?.seed == nil)
        #expect(predicate.parameters?.other?["seed"] == .string("-9223372036854775808"))
        // Sixteen bits of hash is not enough to name a registered file.
        #expect(predicate.adapters?.first?.record == nil)
        #expect(predicate.adapters?.first?.hash == "7332")
        var options = StampOptions()
        options.seed = "-9223372036854775808"
        options.skipStamped = false
        let (flagged, _) = try await stamper.stamp(
            bytes: try StampingTests.image(parameters: text),
            name: "x.png",
            options: options
        )
        #expect(flagged.predicate?.parameters?.other?["seed"] == .string("-9223372036854775808"))
    }

    @Test func oversizedPromptsAreCutToFitARecord() async throws {
        let (test, key, _) = try await StampingTests.setUp()
        let stamper = try await Stamper(ledger: test.ledger, key: key)
        let prompt = String(repeating: "雪", count: 16_000)
        let settings = (0..<300).map { "Key\($0): \(String(repeating: "v", count: 300))" }.joined(separator: ", ")
        let text = "\(prompt)\nNegative prompt: \(prompt)\nSteps: 20, Sampler: Euler, Seed: 1, \(settings)"
        let (outcome, _) = try await stamper.stamp(bytes: try StampingTests.image(parameters: text), name: "long.png")
        let predicate = try #require(outcome.predicate)
        #expect(predicate.source?.description?.contains("cut to fit a record") == true)
        #expect((predicate.prompt?.clearText?.utf8.count ?? 0) > 1000)
        let record = try await test.ledger.record(outcome.recordID)
        #expect(record.verdict.isValid)
    }

    @Test func hostileAddNetAndEmptyNamesStillStamp() async throws {
        let (test, key, _) = try await StampingTests.setUp()
        let stamper = try await Stamper(ledger: test.ledger, key: key)
        let module = String(repeating: "m", count: 600)
        let text =
            "x\nSteps: 20, Sampler: Euler, Seed: 1, AddNet Module 1: \(module), AddNet Model 1: (), AddNet Module 2: , AddNet Model 2: b(1234abcd)"
        let (outcome, _) = try await stamper.stamp(bytes: try StampingTests.image(parameters: text), name: "addnet.png")
        #expect(outcome.status == .stamped)
        #expect(outcome.predicate?.adapters?.allSatisfy { ($0.kind?.unicodeScalars.count ?? 1) <= 512 } == true)
    }

    @Test func disputedRecordsStillVerifyRetractedOnesDoNot() async throws {
        let (test, key, _) = try await StampingTests.setUp()
        let stamper = try await Stamper(ledger: test.ledger, key: key)
        var options = StampOptions()
        options.embed = true
        let (outcome, embeddedBytes) = try await stamper.stamp(
            bytes: try Self.stealth(),
            name: "a.png",
            options: options
        )
        let embedded = try #require(embeddedBytes)
        _ = try await test.ledger.correct(
            outcome.recordID,
            action: .dispute,
            reason: "I doubt the seed",
            keyName: "studio"
        )
        let disputed = try await test.ledger.verifyImage(bytes: embedded, name: "a.png")
        #expect(disputed.verdict == .verified, "\(disputed.problems)")
        #expect(disputed.notes.contains { $0.contains("disputed") })

        _ = try await test.ledger.correct(outcome.recordID, action: .retract, reason: "not ours", keyName: "studio")
        let retracted = try await test.ledger.verifyImage(bytes: embedded, name: "a.png")
        #expect(retracted.verdict == .tampered)
        // Stripping the credential does not make a retracted record good again.
        var png = try PNGFile(bytes: embedded)
        png.removeText(keyword: XMPPacket.pngKeyword)
        let stripped = try await test.ledger.verifyImage(bytes: png.serialized(), name: "b.png")
        #expect(stripped.verdict == .tampered)
        #expect(stripped.problems.contains { $0.contains("retracted") })
    }

    @Test func credentialNamingANonGenerationRecordIsTampered() async throws {
        let (test, key, lora) = try await StampingTests.setUp()
        let stamper = try await Stamper(ledger: test.ledger, key: key)
        var options = StampOptions()
        options.embed = true
        let (_, embeddedBytes) = try await stamper.stamp(bytes: try Self.stealth(), name: "a.png", options: options)
        let embedded = try #require(embeddedBytes)
        let file = try ImageFile(bytes: embedded)
        let packet = try #require(file.xmp)
        var credential = try #require(try XMPPacket.credential(in: packet))
        credential.recordID = lora.description
        credential.logIndex = nil
        let forged = try file.embeddingXMP(XMPPacket.packet(for: credential, mergingInto: nil))
        let result = try await test.ledger.verifyImage(bytes: forged, name: "forged.png")
        #expect(result.verdict == .tampered)
        #expect(result.problems.contains { $0.contains("not a generation record") })
    }

    @Test func quadraticTagsAndLongChainsFinishQuickly() throws {
        let started = Date()
        let prompt = String(repeating: "<a:", count: 100_000)
        #expect(ExtraNetworkTag.all(in: prompt).isEmpty)
        var nodes = [
            #""0": {"class_type": "KSampler", "inputs": {"seed": 1, "positive": ["1", 0], "model": ["1", 0]}}"#
        ]
        for index in 1..<5000 {
            nodes.append(
                #""\#(index)": {"class_type": "Chain", "inputs": {"text": ["\#(index + 1)", 0], "model": ["\#(index + 1)", 0]}}"#
            )
        }
        let graph = "{" + nodes.joined(separator: ", ") + "}"
        let parameters = try MetadataReader.parseComfyPrompt(graph)
        #expect(!parameters.warnings.isEmpty)
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test func controlCharactersInNamesStillFitARecord() async throws {
        let (test, key, _) = try await StampingTests.setUp()
        let stamper = try await Stamper(ledger: test.ledger, key: key)
        let name = String(repeating: "\u{1}", count: 500)
        let tags = (0..<16).map { "<lora:\(name)\($0):1>" }.joined(separator: " ")
        let text = "\(tags)\nSteps: 20, Sampler: Euler, Seed: 1"
        let (outcome, _) = try await stamper.stamp(bytes: try StampingTests.image(parameters: text), name: "ctl.png")
        #expect(outcome.status == .stamped)
        #expect(outcome.predicate?.source?.description?.contains("cut to fit a record") == true)
    }

    @Test func reStampingLeavesAnyCredentialAloneAndIgnoresRetractedRecords() async throws {
        let (test, key, _) = try await StampingTests.setUp()
        let stamper = try await Stamper(ledger: test.ledger, key: key)
        let image = try Self.stealth()
        let (first, _) = try await stamper.stamp(bytes: image, name: "a.png")
        var options = StampOptions()
        options.embed = true
        options.skipStamped = false
        let (second, embeddedBytes) = try await stamper.stamp(bytes: image, name: "a.png", options: options)
        let embedded = try #require(embeddedBytes)
        #expect(second.recordID != first.recordID)
        options.skipStamped = true
        let (again, rewritten) = try await stamper.stamp(bytes: embedded, name: "a.png", options: options)
        #expect(again.status == .alreadyStamped)
        #expect(rewritten == nil)
        // Once every record of the image is retracted, stamping makes a new one.
        _ = try await test.ledger.correct(first.recordID, action: .retract, reason: "test", keyName: "studio")
        _ = try await test.ledger.correct(second.recordID, action: .retract, reason: "test", keyName: "studio")
        let (fresh, _) = try await stamper.stamp(bytes: image, name: "a.png")
        #expect(fresh.status == .stamped)
    }

    @Test func hostileAdapterHeadersStillRegister() async throws {
        let (test, key, _) = try await StampingTests.setUp()
        let long = String(repeating: "t", count: 500)
        let tags = (0..<200).map { "\\\"\(long)\($0)\\\": \($0 + 1)" }.joined(separator: ", ")
        let folders = (0..<200).map { "\\\"\($0)_\(long)\\\": {}" }.joined(separator: ", ")
        let trigger = (0..<200).map { "\(long)\($0)" }.joined(separator: ",")
        let header = """
            {"__metadata__": {"ss_tag_frequency": "{\(folders), \\"10_x\\": {\(tags)}}", "modelspec.trigger_phrase": "\(trigger)", \
            "modelspec.description": "\(String(repeating: "d", count: 20_000))"}}
            """
        let json = Array(header.utf8)
        let length = UInt64(json.count)
        let bytes = (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) } + json
        let path = test.root.appendingPathComponent("hostile.safetensors").path
        try FileManager.default.createDirectory(at: test.root, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let registered = try await test.ledger.registerAdapter(try ModelFile(path: path), key: key)
        #expect(registered.isNew)
        let adapter = try await test.ledger.record(registered.record).statement.decodePredicate(
            as: AdapterPredicate.self
        )
        #expect((adapter.training?.topTags?.count ?? 0) >= 3)
        #expect((adapter.training?.datasetFolders?.count ?? 0) >= 3)
    }

    @Test func pdqHexWithNonASCIIIsRejected() {
        #expect(PDQHash(hex: String(repeating: "0", count: 62) + "é") == nil)
        #expect(PDQHash(hex: String(repeating: "g", count: 64)) == nil)
        #expect(PDQHash(hex: String(repeating: "A", count: 64)) != nil)
    }
}
