import ColophonCrypto
import ColophonLedger
import ColophonMedia
import Foundation

/// Signing and embedding a C2PA manifest, Colophon beside c2pa-python on the same files with
/// thumbnails off: read the file, hash it, build the manifest, sign (ES256), embed, write.
/// Both build their signer once; c2pa-python builds one Builder per image, as it must.
enum C2PABench {
    static func run(python: String?) async throws {
        let python = try python ?? MediaBench.setUpPython()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("colophon-bench-c2pa-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let png = work.appendingPathComponent("lighthouse.png").path
        // Grain makes it compress like a real output (about 1 MB).
        try Data(try PNGEncoder.encode(SampleArt.lighthouse(side: 1024, grain: 10), alpha: false))
            .write(to: URL(fileURLWithPath: png))
        let jpeg = work.appendingPathComponent("lighthouse.jpg").path
        _ = try MediaBench.peers(["jpeg", png, jpeg], python: python)
        let signer = try signer()
        let definition = C2PAManifestDefinition(title: "lighthouse", generatorName: "bench", generatorVersion: "1.0")
        let embedder = C2PAEmbedder(definition: definition, signer: signer)
        let rounds = 30
        for file in [png, jpeg] {
            let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            print(
                "\n== C2PA sign + embed, \(URL(fileURLWithPath: file).lastPathComponent) (\(size) bytes), ES256, no thumbnail"
            )
            let out = work.appendingPathComponent("signed-" + URL(fileURLWithPath: file).lastPathComponent).path
            var samples: [Double] = []
            for _ in 0..<rounds {
                let (_, seconds) = try await Measure.seconds {
                    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
                    let signed = try await embedder.sign(bytes)
                    try AtomicFile.write(signed.bytes, to: out)
                }
                samples.append(seconds * 1000)
            }
            let valid = try C2PAValidator().validate(file: Array(try Data(contentsOf: URL(fileURLWithPath: out))))
            let ours = Measure.percentile(samples, 50)
            let peer = try MediaBench.peers(
                ["c2pa", file, "--out", work.path, "--repeat", "\(rounds)"],
                python: python
            )
            let theirs = peer["per_image_ms"] as? Double ?? .nan
            print(
                "  Colophon: p50 \(Measure.format(ours)) ms (read, SHA-256, build, sign, embed, atomic write; \(valid?.state.rawValue ?? "no manifest"))"
            )
            print(
                "  c2pa-python \(peer["c2pa_python"] ?? "?"): \(Measure.format(theirs)) ms (valid: \(peer["valid"] ?? "?"))"
            )
            print("  ratio: \(String(format: "%.2f", theirs / ours))× (target ≥ 1: no slower)")
        }
    }

    static func signer() throws -> C2PASigner {
        let rootKey = try SigningKey.generate(.ecdsaP256SHA256)
        let start = Date(timeIntervalSinceNow: -60)
        let root = try Certificate.issue(
            commonName: "Bench Root",
            publicKey: rootKey.verifyingKey,
            profile: .root,
            issuer: nil,
            signingKey: rootKey,
            notBefore: start,
            days: 1
        )
        let key = try SigningKey.generate(.ecdsaP256SHA256)
        let leaf = try Certificate.issue(
            commonName: "Bench Signer",
            publicKey: key.verifyingKey,
            profile: .claimSigner,
            issuer: root,
            signingKey: rootKey,
            notBefore: start,
            days: 1
        )
        return try C2PASigner(key: key, chain: [leaf])
    }
}
