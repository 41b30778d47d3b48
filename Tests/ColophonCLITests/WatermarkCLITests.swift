import ColophonMedia
import Foundation
import Testing

/// `stamp --watermark`, `watermark detect` and the watermark layer of `verify` and `lookup`, run
/// as a user runs them, on one of the repository's photographs.
@Suite struct WatermarkCLITests {
    static let photo = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/photos/coffee.jpg").standardized

    /// The photograph as a PNG carrying A1111 parameters, as a generator writes it.
    static func generatorOutput(_ cli: CLI) throws -> String {
        let decoded = try ImageDecoder.decode(Array(try Data(contentsOf: photo)))
        var png = try PNGFile(bytes: try PNGEncoder.encode(decoded, alpha: false))
        try png.setText(
            PNGText(
                keyword: "parameters",
                text: "a cup of coffee\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 42, Size: 600x400, Model: sdxl",
                kind: .text
            )
        )
        return try cli.write("coffee.png", bytes: png.serialized())
    }

    @Test func aMarkedCopyLeadsBackToItsRecordAfterItsMetadataIsGone() throws {
        let cli = try CLI.withLedger()
        let original = try Self.generatorOutput(cli)
        let marked = cli.path("marked.png")
        let stamped = try cli.run("stamp", original, "--key", "studio", "--watermark", "--out", marked, "--json")
        #expect(stamped.status == 0, "\(stamped.stderr)")
        let image = (stamped.json["images"] as? [[String: Any]])?.first ?? stamped.json
        let id = try #require((image["watermark"] as? [String: Any])?["id"] as? String)
        let record = try #require(image["recordId"] as? String)
        #expect(((image["watermark"] as? [String: Any])?["psnr"] as? Double ?? 0) > 38)

        // The record binds the marked pixels and carries the id, as detect prints it.
        let shown = try cli.run("show", record, "--json")
        let predicate = (shown.json["statement"] as? [String: Any])?["predicate"] as? [String: Any]
        let binding = (predicate?["bindings"] as? [String: Any])?["watermark"] as? [String: Any]
        #expect(binding?["id"] as? String == id)
        #expect(binding?["algorithm"] as? String == "org.colophon.watermark.1")

        // The generator's parameters survive in the marked copy.
        let markedFile = try PNGFile(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: marked))))
        #expect(markedFile.texts.contains { $0.keyword == "parameters" && $0.text.hasPrefix("a cup of coffee") })

        // Stripped of metadata, scaled and recompressed: only the watermark is left.
        let decoded = try ImageDecoder.decode(Array(try Data(contentsOf: URL(fileURLWithPath: marked))))
        var shrunk = [UInt8](repeating: 255, count: 450 * 300 * 4)
        for y in 0..<300 {
            for x in 0..<450 {
                for channel in 0..<3 {
                    var sum = 0
                    for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                        let sx = min((x * 4 + 2 * dx) / 3, decoded.width - 1)
                        let sy = min((y * 4 + 2 * dy) / 3, decoded.height - 1)
                        sum += Int(decoded.rgba[(sy * decoded.width + sx) * 4 + channel])
                    }
                    shrunk[(y * 450 + x) * 4 + channel] = UInt8(sum / 4)
                }
            }
        }
        let copy = try cli.write(
            "copy.png",
            bytes: try PNGEncoder.encode(
                DecodedImage(width: 450, height: 300, rgba: shrunk, source: decoded.source),
                alpha: false
            )
        )
        let detected = try cli.run("watermark", "detect", copy, "--json")
        #expect(detected.status == 0, "\(detected.stderr)")
        let found = (detected.json["images"] as? [[String: Any]])?.first
        #expect(found?["id"] as? String == id)
        #expect(found?["records"] as? [String] == [record])
        #expect((found?["falsePositiveBound"] as? Double ?? 1) < 1e-9)

        let verified = try cli.run("verify", copy, "--json")
        #expect(verified.json["matchedBy"] as? String == "watermark", "\(verified.stdout)")
        #expect(verified.json["recordId"] as? String == record)
        let layers = verified.json["layers"] as? [[String: Any]] ?? []
        #expect(
            layers.map { $0["layer"] as? String ?? "" } == [
                "file-digest", "credential", "pixel-digest", "watermark", "pdq",
            ]
        )
        #expect(layers.first { $0["layer"] as? String == "watermark" }?["outcome"] as? String == "matched")

        for arguments in [["lookup", copy], ["lookup", "--image", copy], ["lookup", "--watermark", id]] {
            let lookup = try cli.run(arguments + ["--json"])
            let matches = lookup.json["matches"] as? [[String: Any]] ?? []
            #expect(
                matches.contains { $0["via"] as? String == "watermark" && $0["recordId"] as? String == record },
                "\(arguments): \(lookup.stdout)"
            )
        }
        let nobody = try cli.run("lookup", "--watermark", "00000000000000aa", "--json")
        #expect(nobody.status == 1)
        #expect(try cli.run("lookup", "--watermark", "+0000000000000aa").status == 2)

        // A re-run finds the marked copy it made instead of marking the original again.
        let size = try cli.run("log", "checkpoint", "--json").json["size"] as? Int
        let rerun = try cli.run("stamp", original, "--key", "studio", "--watermark", "--out", marked, "--json")
        let rerunImage = (rerun.json["images"] as? [[String: Any]])?.first
        #expect(rerunImage?["status"] as? String == "already-stamped", "\(rerun.stdout) \(rerun.stderr)")
        #expect(rerunImage?["recordId"] as? String == record)
        #expect(try cli.run("log", "checkpoint", "--json").json["size"] as? Int == size)
        // A mark is not put on top of another, outside the ledger either.
        let embedAgain = try cli.run("watermark", "embed", marked, "--out", cli.path("embedded.png"))
        #expect(embedAgain.status == 2)
        #expect(embedAgain.stderr.contains("already carries watermark \(id)"))

        // The unmarked original reads as unmarked; marking the marked copy again is refused.
        let unmarked = try cli.run("watermark", "detect", original)
        #expect(unmarked.status == 1)
        #expect(unmarked.stdout.contains("no watermark"))
        let again = try cli.run(
            "stamp",
            marked,
            "--key",
            "studio",
            "--watermark",
            "--out",
            cli.path("again.png"),
            "--json"
        )
        #expect(again.status == 0)
        #expect(((again.json["images"] as? [[String: Any]])?.first?["status"] as? String) == "already-stamped")
        let copyAgain = try cli.run("stamp", copy, "--key", "studio", "--watermark", "--out", cli.path("twice.png"))
        #expect(copyAgain.status == 2)
        #expect(copyAgain.stderr.contains("already carries watermark \(id)"))
    }

    @Test func badInputIsRefusedAndNothingIsRecorded() throws {
        let cli = try CLI.withLedger()
        let original = try Self.generatorOutput(cli)
        let before = try cli.run("log", "checkpoint", "--json").json["size"] as? Int
        for (arguments, reason) in [
            (["stamp", original, "--watermark"], "--watermark needs --out"),
            (["stamp", original, "--watermark", "--out", cli.path("marked.jpg")], "name it .png"),
            (["watermark", "embed", original, "--out", cli.path("x.png"), "--id", "xyz"], "16 hexadecimal digits"),
            (["watermark", "detect", cli.path("missing.png")], "no such file"),
            (["watermark", "detect", try cli.write("text.png", "not an image")], "text.png"),
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains(reason), "\(arguments): \(result.stderr)")
        }
        // Too small to carry a mark (a 200 × 200 crop): refused when marking, unmarked when read.
        let decoded = try ImageDecoder.decode(Array(try Data(contentsOf: Self.photo)))
        var small = [UInt8]()
        for y in 0..<200 { small += decoded.rgba[(y * decoded.width * 4)..<(y * decoded.width * 4 + 800)] }
        let tiny = try cli.write(
            "tiny.png",
            bytes: try PNGEncoder.encode(DecodedImage(width: 200, height: 200, rgba: small, source: decoded.source))
        )
        let refused = try cli.run("stamp", tiny, "--key", "studio", "--watermark", "--out", cli.path("tiny-marked.png"))
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("256"))
        let tooSmall = try cli.run("watermark", "detect", tiny)
        #expect(tooSmall.status == 1)
        #expect(tooSmall.stdout.contains("too small"), "\(tooSmall.stdout)")
        // A folder that is not there: refused before the record, not after it.
        let nowhere = try cli.run(
            "stamp",
            original,
            "--key",
            "studio",
            "--watermark",
            "--out",
            cli.path("missing/marked.png")
        )
        #expect(nowhere.status == 2)
        #expect(nowhere.stderr.contains("not a writable folder"), "\(nowhere.stderr)")
        // Two images that would be marked into one file.
        let folder = cli.path("batch")
        try FileManager.default.createDirectory(atPath: folder + "/a", withIntermediateDirectories: true)
        for name in ["a/b.png", "a_b.png"] {
            try FileManager.default.copyItem(atPath: original, toPath: folder + "/" + name)
        }
        try FileManager.default.createDirectory(atPath: cli.path("marked"), withIntermediateDirectories: true)
        let clash = try cli.run("ingest", folder, "--key", "studio", "--watermark", "--out", cli.path("marked"))
        #expect(clash.status == 2)
        #expect(clash.stderr.contains("would both be marked into"), "\(clash.stderr)")
        #expect(try cli.run("log", "checkpoint", "--json").json["size"] as? Int == before)
    }

    /// The marked copy of an image stamped unmarked is an image of its own, with its own record.
    @Test func anImageStampedUnmarkedCanBeMarkedLater() throws {
        let cli = try CLI.withLedger()
        let original = try Self.generatorOutput(cli)
        let first = try cli.run("stamp", original, "--key", "studio", "--json")
        let plain = (first.json["images"] as? [[String: Any]])?.first?["recordId"] as? String
        let marked = try cli.run(
            "stamp",
            original,
            "--key",
            "studio",
            "--watermark",
            "--out",
            cli.path("marked.png"),
            "--json"
        )
        let image = (marked.json["images"] as? [[String: Any]])?.first
        #expect(image?["status"] as? String == "stamped", "\(marked.stdout) \(marked.stderr)")
        #expect(image?["recordId"] as? String != plain)
        #expect((image?["watermark"] as? [String: Any])?["id"] is String)
    }
}
