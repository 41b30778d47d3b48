import ColophonMedia
import Foundation
import Testing

/// `model add`, `lora add`, `stamp`, `ingest`, `lookup` and `verify IMAGE` as a user runs them,
/// on good and hostile files.
@Suite struct StampCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/gen-metadata").standardized

    static func fixture(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(path)))
    }

    static func json(_ result: CLI.Result) -> [String: Any] { result.json }

    @Test func stampEmbedVerifyAndLookUp() throws {
        let cli = try CLI.withLedger()
        let lora = Self.fixtures.appendingPathComponent("synth/lora_test.safetensors").path
        let added = try cli.run("lora", "add", lora, "--emulates", "Artist Name", "--json")
        #expect(added.status == 0, "\(added.stderr)")
        #expect((added.json["hashes"] as? [String: Any])?["autov1"] as? String == "1698c5cb")
        let text =
            "ink heron <lora:inkwash:0.7>\nSteps: 20, Sampler: Euler, Seed: 9, Size: 64x64, Lora hashes: \"inkwash: 73323f360729\""
        var png = try PNGFile(bytes: try Self.fixture("synth/a1111_s1.png"))
        try png.setText(PNGText(keyword: "parameters", text: text, kind: .text))
        let original = png.serialized()
        let image = try cli.write("heron.png", bytes: original)
        let stamped = try cli.run("stamp", image, "--embed", "--out", cli.path("heron-stamped.png"), "--json")
        #expect(stamped.status == 0, "\(stamped.stderr)")
        let first = try #require((stamped.json["images"] as? [[String: Any]])?.first)
        #expect(first["status"] as? String == "stamped")
        let adapters = first["adapters"] as? [[String: Any]]
        #expect(adapters?.first?["record"] as? String == added.json["recordId"] as? String)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: image))) == original)

        let verified = try cli.run("verify", cli.path("heron-stamped.png"))
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.hasPrefix("VERIFIED"))
        #expect(verified.stdout.contains("lora       inkwash @ 0.7"), "\(verified.stdout)")
        let plain = try cli.run("verify", image, "--json")
        #expect(plain.status == 1)
        #expect(plain.json["verdict"] as? String == "matches-record")
        #expect(plain.json["method"] as? String == "file-digest")

        let byLora = try cli.run("lookup", "--lora", "73323f360729", "--json")
        #expect(byLora.status == 0)
        #expect((byLora.json["matches"] as? [[String: Any]])?.count == 2)
        let byArtist = try cli.run("lookup", "--artist", "ARTIST NAME")
        #expect(byArtist.status == 0 && byArtist.stdout.contains("used inkwash_style_v2"), "\(byArtist.stdout)")
        let byTraining = try cli.run("lookup", "--artist", "Inkwash ArtistName", "--json")
        #expect(byTraining.status == 0)
        let vias = (byTraining.json["matches"] as? [[String: Any]])?.compactMap { $0["via"] as? String } ?? []
        #expect(
            vias.first?.hasPrefix("attributed — training_metadata: dataset folder '10_inkwash artistname'") == true,
            "\(vias)"
        )
        #expect(try cli.run("lookup", "--artist", "Nobody Atall").status == 1)
        let again = try cli.run("stamp", image, "--json")
        #expect((again.json["images"] as? [[String: Any]])?.first?["status"] as? String == "already-stamped")
    }

    @Test func modelAddAndExplicitFlags() throws {
        let cli = try CLI.withLedger()
        let model = try cli.write("tiny.ckpt", bytes: Array(repeating: 7, count: 2 << 20))
        let added = try cli.run("model", "add", model, "--name", "Tiny", "--json")
        #expect(added.status == 0, "\(added.stderr)")
        let sha = try #require((added.json["hashes"] as? [String: Any])?["sha256"] as? String)
        let image = try cli.write("fox.png", bytes: try Self.fixture("synth/a1111_s2.png"))
        let stamped = try cli.run(
            "stamp",
            image,
            "--model",
            String(sha.prefix(10)),
            "--lora",
            "mystery:0.4",
            "--prompt",
            "a fox",
            "--seed",
            "5",
            "--json"
        )
        #expect(stamped.status == 0, "\(stamped.stderr)")
        let first = try #require((stamped.json["images"] as? [[String: Any]])?.first)
        #expect(first["model"] as? String == "Tiny")
        #expect(first["modelRecord"] as? String == added.json["recordId"] as? String)
        #expect(first["unresolved"] as? [String] == ["mystery"])
    }

    /// The flat fixture with its generator text replaced by one raw chunk.
    static func png(with chunk: PNGChunk) throws -> [UInt8] {
        var png = try PNGFile(bytes: try fixture("synth/a1111_s1.png"))
        png.removeText(keyword: "parameters")
        png.chunks.insert(chunk, at: 1)
        return png.serialized()
    }

    @Test func hostileImagesAreOneLineErrors() throws {
        let cli = try CLI.withLedger()
        let good = try Self.fixture("synth/a1111_s1.png")
        var badCRC = good
        badCRC[20] ^= 0xFF
        let ihdr: [UInt8] = [0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0, 8, 6, 0, 0, 0]
        let bomb = PNGFile(chunks: [
            PNGChunk(type: "IHDR", data: ihdr[...]),
            PNGChunk(type: "IDAT", data: [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]),
            PNGChunk(type: "IEND", data: []),
        ]).serialized()
        let cases: [(String, [UInt8], String)] = [
            ("truncated.png", Array(good.prefix(good.count / 2)), "truncated.png"),
            ("badcrc.png", badCRC, "CRC"),
            ("bomb.png", bomb, "100000×100000"),
            ("empty.png", [], "empty.png"),
            ("text.png", Array("hello".utf8), "not a PNG, JPEG or WebP"),
        ]
        for (name, bytes, mention) in cases {
            let path = try cli.write(name, bytes: bytes)
            for command in [["stamp", path, "--embed"], ["verify", path], ["lookup", path]] {
                let result = try cli.run(command)
                BadInputTests.expectOneLineFailure(result, status: 2, mentioning: mention)
            }
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == bytes, "\(name) was rewritten")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.root.path).filter {
            $0.hasSuffix(".tmp")
        }
        #expect(leftovers.isEmpty)
    }

    @Test(arguments: [
        (
            "cyclic", "tEXt",
            "prompt\u{0}"
                + #"{"1": {"class_type": "KSampler", "inputs": {"seed": 1, "steps": 5, "model": ["2", 0]}}, "2": {"class_type": "LoraLoader", "inputs": {"lora_name": "a.safetensors", "model": ["2", 0]}}}"#,
            "loops back"
        ),
        (
            "missing", "tEXt",
            "prompt\u{0}" + #"{"1": {"class_type": "KSampler", "inputs": {"seed": 1, "model": ["9", 0]}}}"#,
            "missing node 9"
        ),
        ("quotes", "tEXt", "parameters\u{0}a cat\nSteps: 5, Sampler: \"Euler, Seed: 3", ""),
        ("json", "tEXt", "invokeai_metadata\u{0}{\"seed\": ", "metadata unreadable"),
        ("exif", "eXIf", "MM\u{0}*\u{0}\u{0}\u{0}\u{8}\u{0}\u{ff}", "EXIF"),
    ])
    func unreadableMetadataIsRecordedNotFatal(name: String, type: String, data: String, mention: String) throws {
        let cli = try CLI.withLedger()
        let path = try cli.write(
            "\(name).png",
            bytes: try Self.png(with: PNGChunk(type: type, data: Array(data.utf8)[...]))
        )
        let result = try cli.run("stamp", path, "--json")
        #expect(result.status == 0, "\(name): \(result.stderr)")
        let first = (result.json["images"] as? [[String: Any]])?.first
        let record = try #require(first?["recordId"] as? String)
        let shown = try cli.run("show", record, "--json")
        let predicate = (shown.json["statement"] as? [String: Any])?["predicate"] as? [String: Any]
        let description = (predicate?["source"] as? [String: Any])?["description"] as? String ?? ""
        #expect(mention.isEmpty || description.contains(mention), "\(name): \(description)")
        #expect(predicate?["rawMetadataBlob"] != nil || name == "exif")
    }

    @Test func invalidUTF8InATextChunkIsNoted() throws {
        let cli = try CLI.withLedger()
        let data = Array("parameters".utf8) + [0, 0, 0, 0, 0, 0xFF, 0xFE, 0x41]
        let path = try cli.write("utf8.png", bytes: try Self.png(with: PNGChunk(type: "iTXt", data: data[...])))
        let result = try cli.run("stamp", path, "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let problems = ((result.json["images"] as? [[String: Any]])?.first?["problems"] as? [String] ?? []).joined()
        #expect(problems.contains("UTF-8"), "\(problems)")
    }

    @Test func hostileModelFilesAndUsage() throws {
        let cli = try CLI.withLedger()
        let huge = try cli.write("huge.safetensors", bytes: [0, 0, 0, 0, 0, 0, 0, 0x40] + Array("{}".utf8))
        BadInputTests.expectOneLineFailure(try cli.run("lora", "add", huge), status: 2, mentioning: "limit")
        let notJSON = try cli.write("bad.safetensors", bytes: [4, 0, 0, 0, 0, 0, 0, 0] + Array("{{{{".utf8))
        BadInputTests.expectOneLineFailure(
            try cli.run("model", "add", notJSON),
            status: 2,
            mentioning: "bad.safetensors"
        )
        BadInputTests.expectOneLineFailure(
            try cli.run("model", "add", cli.path("missing.ckpt")),
            status: 2,
            mentioning: "missing.ckpt"
        )
        let two = try cli.run("lookup", "--sha256", String(repeating: "a", count: 64), "--artist", "x")
        #expect(two.status == 2)
        #expect(try cli.run("lookup", "--pdq", "xyz").status == 2)
        let image = try cli.write("a.png", bytes: try Self.fixture("synth/a1111_s1.png"))
        #expect(try cli.run("stamp", image, "--out", cli.path("x.png")).status == 2)
        #expect(try cli.run("stamp", image, image, "--embed", "--out", cli.path("nowhere")).status == 2)
        #expect(try cli.run("stamp", image, "--lora", ":0.5").status == 2)
        #expect(try cli.run("ingest", cli.path("no-such-folder")).status == 2)
    }
}
