import ColophonMedia
import Foundation
import Testing

/// `consent declare`, `consent list`, and consent flags in `verify` and `lookup --artist`.
@Suite struct ConsentCLITests {
    /// A ledger with the LoRA fixture registered, an artist key, and two stamped images: one
    /// made with the LoRA, one without.
    static func setUp() throws -> (CLI, withLora: String, without: String) {
        let cli = try CLI.withLedger()
        #expect(try cli.run("key", "new", "inkwash", "--role", "artist").status == 0)
        let lora = StampCLITests.fixtures.appendingPathComponent("synth/lora_test.safetensors").path
        #expect(try cli.run("lora", "add", lora, "--key", "studio").status == 0)
        var paths: [String] = []
        for (name, side, text) in [
            (
                "heron.png", 64,
                "ink heron <lora:inkwash:0.7>\nSteps: 20, Seed: 9, Lora hashes: \"inkwash: 73323f360729\""
            ),
            ("fox.png", 48, "a fox\nSteps: 20, Seed: 10"),
        ] {
            var png = try PNGFile(bytes: try PNGEncoder.encode(SampleArt.lighthouse(side: side)))
            try png.setText(PNGText(keyword: "parameters", text: text, kind: .text))
            let path = try cli.write(name, bytes: png.serialized())
            let stamped = try cli.run("stamp", path, "--key", "studio")
            #expect(stamped.status == 0, "\(stamped.stderr)")
            paths.append(path)
        }
        return (cli, paths[0], paths[1])
    }

    @Test func aDeclaredRefusalFlagsTheImagesThatUsedTheLoRA() throws {
        let (cli, withLora, without) = try Self.setUp()
        let declared = try cli.run(
            "consent",
            "declare",
            "--artist",
            "Inkwash Artistname",
            "--alias",
            "artistname",
            "--scope",
            "style-emulation",
            "--scope",
            "training",
            "--status",
            "refused",
            "--key",
            "inkwash",
            "--json"
        )
        #expect(declared.status == 0, "\(declared.stderr)")
        let links = declared.json["attributions"] as? [[String: Any]]
        #expect(links?.compactMap { $0["basis"] as? String } == ["training_metadata", "trigger_word"])

        // Stamping checks a new image as it is made.
        var png = try PNGFile(bytes: try PNGEncoder.encode(SampleArt.lighthouse(side: 40)))
        try png.setText(
            PNGText(
                keyword: "parameters",
                text: "ink crane <lora:inkwash:0.9>\nSteps: 20, Seed: 11, Lora hashes: \"inkwash: 73323f360729\"",
                kind: .text
            )
        )
        let crane = try cli.write("crane.png", bytes: png.serialized())
        let stamped = try cli.run("stamp", crane, "--key", "studio", "--json")
        let image = (stamped.json["images"] as? [[String: Any]])?.first ?? [:]
        #expect((image["consent"] as? [[String: Any]])?.first?["kind"] as? String == "conflict", "\(stamped.stdout)")
        let craneText = try cli.run("verify", crane).stdout
        #expect(craneText.contains("CONSENT CONFLICT"), "\(craneText)")

        let flagged = try cli.run("verify", withLora, "--json")
        let consent = flagged.json["consent"] as? [[String: Any]] ?? []
        #expect(
            Set(consent.compactMap { $0["scope"] as? String }) == [
                "style_emulation", "training", "training_generative",
            ]
        )
        #expect(consent.allSatisfy { $0["kind"] as? String == "conflict" })
        let text = try cli.run("verify", withLora).stdout
        #expect(
            text.contains("CONSENT CONFLICT: conflicts with Inkwash Artistname's declared refusal of style emulation")
        )
        #expect(!text.lowercased().contains("infring"))
        let plain = try cli.run("verify", without, "--json")
        #expect((plain.json["consent"] as? [Any])?.isEmpty == true, "\(plain.stdout)")

        let listed = try cli.run("consent", "list", "--artist", "ARTISTNAME", "--json")
        #expect(listed.status == 0)
        #expect((listed.json["declarations"] as? [[String: Any]])?.first?["signer"] as? String == "inkwash")
        #expect(try cli.run("consent", "list", "--artist", "nobody").status == 1)

        let lookup = try cli.run("lookup", "--artist", "artistname", "--json")
        let matches = lookup.json["matches"] as? [[String: Any]] ?? []
        #expect(matches.map { $0["type"] as? String } == ["consent", "adapter", "generation", "generation"])

        // A later declaration by the same key supersedes the first.
        let granted = try cli.run(
            "consent",
            "declare",
            "--artist",
            "Inkwash Artistname",
            "--scope",
            "style-emulation",
            "--status",
            "granted",
            "--key",
            "inkwash",
            "--json"
        )
        #expect(granted.json["supersedes"] as? String == declared.json["recordId"] as? String)
        let now = try cli.run("verify", withLora, "--json").json["consent"] as? [[String: Any]] ?? []
        #expect(now.map { $0["kind"] as? String } == ["consented"])
    }

    @Test(
        arguments: [
            (["--artist", "A", "--status", "refused"], "at least one --scope"),
            (["--artist", " ", "--scope", "training", "--status", "refused"], "1 to 512"),
            (["--artist", "A", "--scope", "training", "--status", "conditional"], "--terms"),
            (["--artist", "A", "--scope", "everything", "--status", "refused"], "everything"),
            (["--artist", "A", "--scope", "training", "--status", "maybe"], "maybe"),
            (["--artist", "A", "--scope", "training", "--status", "refused", "--effective-from", "soon"], "RFC 3339"),
            (["--artist", "?!", "--scope", "training", "--status", "refused"], "no letters or digits"),
            (["--artist", "A", "--scope", "training", "--status", "refused", "--work", "missing.png"], "no such file"),
        ]
    )
    func badDeclarationsAreUsageErrors(arguments: [String], reason: String) throws {
        let cli = try CLI.withLedger()
        let result = try cli.run(["consent", "declare"] + arguments)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(reason), "\(result.stderr)")
        #expect(try cli.run("consent", "list").status == 1)
    }
}
