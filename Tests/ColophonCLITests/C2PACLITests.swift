import ColophonCrypto
import ColophonMedia
import ColophonRecords
import Foundation
import Testing

/// `c2pa cert|trust|sign|import`, `stamp --c2pa` and `verify` on images with manifests, as a
/// user runs them.
@Suite struct C2PACLITests {
    /// A fixture; the PNG re-written with stored deflate blocks so one pixel can be changed.
    static func fixture(_ name: String) throws -> [UInt8] {
        let bytes = try StampCLITests.fixture("synth/" + name)
        return name.hasSuffix(".png") ? try StoredPNG.make(from: bytes) : bytes
    }

    /// One pixel byte changed, the file otherwise valid.
    static func flipPixel(_ bytes: [UInt8]) throws -> [UInt8] {
        if bytes.starts(with: PNGFile.signature) { return try StoredPNG.flipPixel(bytes) }
        var changed = bytes
        changed[changed.count - 40] ^= 0x01
        return changed
    }

    static func entries(_ cli: CLI) throws -> Int {
        let checkpoint = try cli.run("log", "checkpoint", "--json")
        return checkpoint.json["size"] as? Int ?? -1
    }

    @Test(arguments: ["a1111_s2.png", "a1111_s2.jpg"])
    func stampWithC2PAVerifiesAndIsTrustedByTheLedgersOwnRoot(name: String) throws {
        let cli = try CLI.withLedger()
        let cert = try cli.run("c2pa", "cert", "--name", "Example Studio", "--json")
        #expect(cert.status == 0, "\(cert.stderr)")
        #expect((cert.json["signer"] as? String)?.contains("CN=Example Studio Claim Signer") == true)
        let image = try cli.write(name, bytes: try Self.fixture(name))
        let signed = cli.path("signed-" + name)
        let stamped = try cli.run("stamp", image, "--key", "studio", "--c2pa", "--out", signed, "--json")
        #expect(stamped.status == 0, "\(stamped.stderr)")
        let label = (stamped.json["images"] as? [[String: Any]])?.first?["c2paManifest"] as? String
        #expect(label?.hasPrefix("urn:c2pa:") == true)

        let verified = try cli.run("verify", signed, "--json")
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.json["verdict"] as? String == "verified")
        #expect(verified.json["method"] as? String == "credential")
        let c2pa = try #require(verified.json["c2pa"] as? [String: Any])
        #expect(c2pa["state"] as? String == "Trusted", "\(c2pa)")
        #expect((c2pa["failures"] as? [Any])?.isEmpty == true)

        // The manifest carries the record, the model and both LoRAs.
        let validation = try #require(
            try C2PAValidator().validate(file: Array(try Data(contentsOf: URL(fileURLWithPath: signed))))
        )
        let facts = C2PAGeneration(manifest: validation.manifest)
        #expect(facts.recordID == (verified.json["recordId"] as? String))
        #expect(facts.model?.title == "sd_xl_base_1.0")
        #expect(facts.adapters.map(\.title) == ["add-detail-xl", "ink, style v2"])
        #expect(facts.adapters.map(\.weight) == [0.6, 1.1])
        #expect(facts.seed == 2_921_279_476)
        #expect(facts.prompt?.hasPrefix("cinematic photo of a red fox") == true)

        // One flipped pixel byte: c2pa's hash mismatch, and the verdict is tampered.
        let bytes = try Self.flipPixel(Array(try Data(contentsOf: URL(fileURLWithPath: signed))))
        let flipped = try cli.write("flipped-" + name, bytes: bytes)
        let tampered = try cli.run("verify", flipped, "--json")
        #expect(tampered.status == 1)
        #expect(tampered.json["verdict"] as? String == "tampered")
        let failed = try #require(tampered.json["c2pa"] as? [String: Any])
        #expect(failed["state"] as? String == "Invalid")
        let codes = (failed["failures"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
        #expect(codes == ["assertion.dataHash.mismatch"])
    }

    @Test func withoutTheAnchorAManifestIsValidNotTrusted() throws {
        let cli = try CLI.withLedger()
        #expect(try cli.run("c2pa", "cert", "--algorithm", "ed25519").status == 0)
        let image = try cli.write("fox.png", bytes: try Self.fixture("a1111_s2.png"))
        let signed = try cli.run("c2pa", "sign", image, "--key", "studio", "--json")
        #expect(signed.status == 0, "\(signed.stderr)")
        try FileManager.default.removeItem(atPath: cli.ledger + "/c2pa/anchors.pem")
        let verified = try cli.run("verify", image, "--json")
        #expect(verified.json["verdict"] as? String == "verified", "\(verified.stdout)")
        let c2pa = try #require(verified.json["c2pa"] as? [String: Any])
        #expect(c2pa["state"] as? String == "Valid")
        #expect((c2pa["failures"] as? [[String: Any]])?.first?["code"] as? String == "signingCredential.untrusted")
        // Signing again: the image is reported as already stamped, not re-signed; nothing new
        // is logged.
        let before = try Self.entries(cli)
        let again = try cli.run("c2pa", "sign", image, "--key", "studio")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Self.entries(cli) == before)
        // XMP beside the manifest would break its binding: refused, nothing logged, file unchanged.
        let original = Array(try Data(contentsOf: URL(fileURLWithPath: image)))
        let copy = try cli.write("copy.png", bytes: try StoredPNG.flipPixel(try Self.fixture("a1111_s2.png"), x: 3))
        #expect(try cli.run("c2pa", "sign", copy, "--key", "studio").status == 0)
        let afterSign = try Self.entries(cli)
        for target in [image, copy] {
            let embedded = try cli.run("stamp", target, "--key", "studio", "--embed")
            #expect(embedded.status == 2)
            #expect(embedded.stderr.contains("embedding XMP would break"), "\(embedded.stderr)")
        }
        #expect(try Self.entries(cli) == afterSign)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: image))) == original)
    }

    @Test func importRecordsAManifestAnotherGeneratorSigned() async throws {
        let cli = try CLI.withLedger()
        // Another generator's PKI and manifest, built outside the ledger.
        let rootKey = try SigningKey.generate(.ecdsaP256SHA256)
        let root = try Certificate.issue(
            commonName: "Hosted Root",
            publicKey: rootKey.verifyingKey,
            profile: .root,
            issuer: nil,
            signingKey: rootKey,
            notBefore: Date(timeIntervalSinceNow: -3600),
            days: 10
        )
        let leafKey = try SigningKey.generate(.ecdsaP256SHA256)
        let leaf = try Certificate.issue(
            commonName: "Hosted Generator",
            publicKey: leafKey.verifyingKey,
            profile: .claimSigner,
            issuer: root,
            signingKey: rootKey,
            notBefore: Date(timeIntervalSinceNow: -3600),
            days: 5
        )
        let definition = C2PAManifestDefinition(
            generatorName: "Hosted Images",
            generatorVersion: "7",
            softwareAgent: "HostedDiffusion",
            softwareAgentVersion: "3.1",
            parameters: [.init(.text("com.hosted.seed"), .int(77))],
            ingredients: [
                C2PAIngredient(title: "hosted-xl", dataTypes: ["c2pa.types.generator"], description: "base model"),
                C2PAIngredient(title: "watercolor", dataTypes: ["c2pa.types.model"], description: "LoRA at weight 0.5"),
                C2PAIngredient(
                    title: "prompt",
                    format: "text/plain",
                    dataTypes: ["c2pa.types.generator.prompt"],
                    description: "a heron in the rain"
                ),
            ]
        )
        let embedder = C2PAEmbedder(definition: definition, signer: try C2PASigner(key: leafKey, chain: [leaf]))
        // A PNG with no generator metadata: everything comes from the manifest.
        let plain = try PNGEncoder.encode(SampleArt.lighthouse(side: 64))
        let signed = try await embedder.sign(plain)
        let image = try cli.write("hosted.png", bytes: signed.bytes)
        let rootFile = try cli.write("hosted-root.pem", root.pem)

        // Untrusted is still imported, and says so.
        let imported = try cli.run("c2pa", "import", image, "--key", "studio", "--json")
        #expect(imported.status == 0, "\(imported.stderr)")
        let record = try #require((imported.json["images"] as? [[String: Any]])?.first?["recordId"] as? String)
        let shown = try cli.run("show", record, "--json")
        let predicate = try #require(
            ((shown.json["statement"] as? [String: Any])?["predicate"]) as? [String: Any],
            "\(shown.stdout)"
        )
        let source = try #require(predicate["source"] as? [String: Any])
        #expect(source["kind"] as? String == "c2pa")
        #expect((source["description"] as? String)?.contains("(Valid)") == true)
        #expect((source["description"] as? String)?.contains("signer not trusted") == true)
        #expect((source["blob"] as? String)?.hasPrefix("sha256:") == true)
        #expect((predicate["generator"] as? [String: Any])?["name"] as? String == "HostedDiffusion")
        #expect((predicate["model"] as? [String: Any])?["name"] as? String == "hosted-xl")
        let adapters = predicate["adapters"] as? [[String: Any]]
        #expect(adapters?.first?["name"] as? String == "watercolor")
        #expect(adapters?.first?["weight"] as? Double == 0.5)
        #expect(predicate["prompt"] as? String == "a heron in the rain")
        #expect((predicate["parameters"] as? [String: Any])?["seed"] as? Int == 77)
        let markings = predicate["markings"] as? [String: Any]
        #expect(markings?["c2paManifestSha256"] as? String == SHA256.hash(signed.store).hex)
        let blob = try cli.run("show", record, "--json")
        #expect(blob.status == 0)

        // Stripped of its manifest, the image is still found by its pixels.
        let stripped = try cli.write("stripped.png", bytes: plain)
        let found = try cli.run("verify", stripped, "--json")
        #expect(found.json["verdict"] as? String == "matches-record")
        #expect(found.json["recordId"] as? String == record)

        // `stamp` on an image that carries a manifest records it too, beside the generator's
        // own metadata, which wins where both speak.
        let fixture = try await embedder.sign(try Self.fixture("a1111_s2.png"))
        let both = try cli.write("both.png", bytes: fixture.bytes)
        let stamped = try cli.run("stamp", both, "--key", "studio", "--json")
        #expect(stamped.status == 0, "\(stamped.stderr)")
        let bothRecord = try #require((stamped.json["images"] as? [[String: Any]])?.first?["recordId"] as? String)
        let bothPredicate = try #require(
            ((try cli.run("show", bothRecord, "--json").json["statement"] as? [String: Any])?["predicate"])
                as? [String: Any]
        )
        let bothSource = try #require(bothPredicate["source"] as? [String: Any])
        #expect(bothSource["kind"] as? String == "c2pa")
        #expect((bothSource["description"] as? String)?.contains("generator metadata read too") == true)
        #expect((bothPredicate["model"] as? [String: Any])?["name"] as? String == "sd_xl_base_1.0")
        #expect((bothPredicate["generator"] as? [String: Any])?["name"] as? String == "AUTOMATIC1111")

        // With the hosted root trusted, verify reports the manifest Trusted.
        #expect(try cli.run("c2pa", "trust", rootFile).status == 0)
        let trusted = try cli.run("verify", image, "--json")
        #expect((trusted.json["c2pa"] as? [String: Any])?["state"] as? String == "Trusted", "\(trusted.stdout)")
    }

    @Test func importRefusesWhatItCannotStandBehind() async throws {
        let cli = try CLI.withLedger()
        #expect(try cli.run("c2pa", "cert").status == 0)
        // No manifest at all.
        let bare = try cli.write("bare.png", bytes: try Self.fixture("a1111_s2.png"))
        let none = try cli.run("c2pa", "import", bare, "--key", "studio")
        #expect(none.status == 2)
        #expect(none.stderr.contains("carries no C2PA manifest"))
        // A manifest whose image was changed after signing: not valid, nothing recorded.
        let signed = cli.path("signed.png")
        #expect(try cli.run("c2pa", "sign", bare, "--key", "studio", "--out", signed).status == 0)
        let before = try Self.entries(cli)
        let bytes = try Self.flipPixel(Array(try Data(contentsOf: URL(fileURLWithPath: signed))))
        let changed = try cli.write("changed.png", bytes: bytes)
        let invalid = try cli.run("c2pa", "import", changed, "--key", "studio")
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("assertion.dataHash.mismatch"), "\(invalid.stderr)")
        #expect(try Self.entries(cli) == before)
        // A manifest that declares a camera capture is not a generation.
        let pki = try C2PACLITests.selfSignedSigner()
        var capture = C2PAManifestDefinition(generatorName: "Camera")
        capture.digitalSourceType = "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"
        let photo = try await C2PAEmbedder(definition: capture, signer: pki).sign(
            try PNGEncoder.encode(SampleArt.lighthouse(side: 48, grain: 3))
        )
        let camera = try cli.run("c2pa", "import", try cli.write("photo.png", bytes: photo.bytes), "--key", "studio")
        #expect(camera.status == 2)
        #expect(camera.stderr.contains("digitalCapture"))
        // A truncated APP11 sequence is a clear error.
        let jpeg = cli.path("signed.jpg")
        let source = try cli.write("fox.jpg", bytes: try Self.fixture("a1111_s2.jpg"))
        #expect(try cli.run("c2pa", "sign", source, "--key", "studio", "--out", jpeg).status == 0)
        let signedJPEG = Array(try Data(contentsOf: URL(fileURLWithPath: jpeg)))
        let at = try #require(
            (0..<(signedJPEG.count - 1)).first { signedJPEG[$0] == 0xFF && signedJPEG[$0 + 1] == 0xEB }
        )
        // The store's box declares 100 bytes more than its segments hold: a sequence cut short.
        var short = signedJPEG
        let declared = short[(at + 12)..<(at + 16)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } + 100
        short.replaceSubrange((at + 12)..<(at + 16), with: withUnsafeBytes(of: declared.bigEndian) { Array($0) })
        let truncated = try cli.run("verify", try cli.write("short.jpg", bytes: short), "--json")
        #expect(truncated.status == 1)
        let problems = (truncated.json["problems"] as? [String]) ?? []
        #expect(
            problems.contains { $0.contains("the C2PA manifest store is malformed") && $0.contains("bytes") },
            "\(truncated.stdout)"
        )
        // A segment whose length no longer fits the file's structure: the JPEG itself is broken.
        var cut = signedJPEG
        cut[at + 3] = cut[at + 3] &- 40
        let broken = try cli.run("verify", try cli.write("cut.jpg", bytes: cut))
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("JPEG marker"), "\(broken.stderr)")
    }

    @Test func badCertificatesAndContainersAreRefusedBeforeAnythingIsLogged() throws {
        let cli = try CLI.withLedger()
        // Signing before any certificate exists says how to get one.
        let image = try cli.write("fox.png", bytes: try Self.fixture("a1111_s2.png"))
        let noCert = try cli.run("stamp", image, "--key", "studio", "--c2pa")
        #expect(noCert.status == 2)
        #expect(noCert.stderr.contains("colophon c2pa cert"))
        // A certificate without the extended key usages C2PA requires.
        let key = try SigningKey.generate(.ecdsaP256SHA256)
        let noEKU = try Certificate.issue(
            commonName: "No EKU",
            publicKey: key.verifyingKey,
            profile: CertificateProfile(
                extensions: CertificateProfile.claimSigner.extensions.filter { $0.name != "extendedKeyUsage" }
            ),
            issuer: nil,
            signingKey: key,
            notBefore: Date(timeIntervalSinceNow: -60),
            days: 5
        )
        let chain = try cli.write("noeku.pem", noEKU.pem)
        let keyFile = try cli.write("noeku.key", try key.pem())
        let refused = try cli.run("c2pa", "cert", "--use", chain, "--key", keyFile)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("no extended key usage"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.ledger + "/c2pa/signer.pem"))
        let garbage = try cli.run(
            "c2pa",
            "cert",
            "--use",
            try cli.write("junk.pem", "not a certificate"),
            "--key",
            keyFile
        )
        #expect(garbage.status == 2)
        // WebP cannot carry a manifest here: refused before a record is appended.
        #expect(try cli.run("c2pa", "cert").status == 0)
        let before = try Self.entries(cli)
        let webp = try cli.write("fox.webp", bytes: try Self.fixture("a1111_s2.webp"))
        let unsupported = try cli.run("stamp", webp, "--key", "studio", "--c2pa")
        #expect(unsupported.status == 2)
        #expect(try Self.entries(cli) == before)
    }

    static func selfSignedSigner() throws -> C2PASigner {
        let key = try SigningKey.generate(.ed25519)
        let leaf = try Certificate.issue(
            commonName: "Self Signed Camera",
            publicKey: key.verifyingKey,
            profile: .claimSigner,
            issuer: nil,
            signingKey: key,
            notBefore: Date(timeIntervalSinceNow: -60),
            days: 5
        )
        return try C2PASigner(key: key, chain: [leaf])
    }
}
