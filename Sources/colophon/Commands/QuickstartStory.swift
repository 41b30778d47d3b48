import ColophonCrypto
import ColophonLedger
import ColophonLog
import ColophonMedia
import ColophonRecords
import ColophonStorage
import Foundation

/// The quickstart's sample story, step by step, on a fresh ledger.
struct QuickstartStory {
    let root: URL
    let narrate: Bool

    struct Outcome {
        var records: Int
        var head: TreeHead
        var proofVerified: Bool
        var tilesVerified: Bool
        var steps: [String]
    }

    private final class Steps {
        var lines: [String] = []
        let narrate: Bool
        init(narrate: Bool) { self.narrate = narrate }
        func say(_ line: String) {
            lines.append(line)
            if narrate { Terminal.out(line) }
        }
    }

    func run() async throws -> Outcome {
        let steps = Steps(narrate: narrate)
        let ledger = try await Ledger.create(
            at: LedgerDirectory(root.appendingPathComponent("ledger").path),
            origin: "quickstart.colophon.example/log"
        )
        steps.say("1. Created a ledger at \(ledger.directory.root.path)")
        steps.say("   log vkey \(ledger.verifier.vkey)")

        for (name, role, owner) in [
            ("studio", KeyPredicate.Role.generator, "Example Studio Ltd"),
            ("kris", .author, "Kris Kashtanova"),
            ("greg", .artist, "Greg Rutkowski"),
            ("press", .publisher, "Example Comics"),
        ] {
            _ = try await ledger.createKey(name: name, role: role, owner: Party(name: owner))
        }
        steps.say("2. Registered keys: studio (generator), kris (author), greg (artist), press (publisher)")

        let studio = try ledger.keyring.load("studio")
        let samples = QuickstartSamples()
        let files = QuickstartFiles(folder: root.appendingPathComponent("samples"))
        try files.writeWeights()
        let modelFile = try ModelFile(path: files.model)
        let loraFile = try ModelFile(path: files.lora)
        let model = try await ledger.registerModel(modelFile, name: "SDXL sample", key: studio).record
        let lora = try await ledger.registerAdapter(loraFile, emulates: ["Greg Rutkowski"], key: studio).record
        steps.say(
            "3. Registered the base model \(modelFile.fileName) (AutoV2 \(modelFile.hashes.autov2 ?? "")) and the LoRA 'painterly' (AutoV3 \(loraFile.hashes.autov3?.prefix(12) ?? "")…), declared to emulate Greg Rutkowski; its training folders: \(loraFile.header?.trainingSummary?.datasetFolders?.map(\.name).joined(separator: ", ") ?? "none")"
        )

        try files.writePanel(modelHash: modelFile.hashes.sha256 ?? "", loraHash: loraFile.hashes.autov3 ?? "")
        let wrong = try await append(ledger, samples.generation(model: model, lora: lora, seed: 1), by: studio)
        let stamper = try await Stamper(ledger: ledger, key: studio)
        var options = StampOptions()
        options.embed = true
        options.provider = "Example Studio Ltd"
        let stamped = try await stamper.stamp(path: files.panel, options: options)
        let panel = stamped.recordID
        _ = try await ledger.correct(
            wrong,
            action: .supersede,
            reason: "hand-written record with the wrong seed; replaced by the stamped image",
            replacement: panel,
            keyName: "studio"
        )
        let resolved = (stamped.predicate?.adapters ?? []).filter { $0.record != nil }.count
        steps.say(
            "4. Stamped \(URL(fileURLWithPath: files.panel).lastPathComponent) from its A1111 metadata (\(panel.description.prefix(19))…): model and \(resolved) LoRA resolved by hash, credential embedded as XMP; an earlier hand-written record with a wrong seed is superseded (nothing is deleted)"
        )

        let panelBytes = Array(try Data(contentsOf: URL(fileURLWithPath: files.panel)))
        let verified = try await ledger.verifyImage(bytes: panelBytes, name: "panel-1.png")
        var stripped = try PNGFile(bytes: panelBytes)
        stripped.chunks.removeAll { !$0.isCritical }
        stripped.chunks = Self.splitImageData(stripped.chunks)
        let found = try await ledger.verifyImage(bytes: stripped.serialized(), name: "stripped.png")
        guard verified.verdict == .verified, found.verdict == .matchesRecord else {
            throw Failure(
                Failure.internalError,
                "the stamped panel did not verify (\(verified.verdict), \(found.verdict))"
            )
        }
        steps.say(
            "   verify panel-1.png: \(verified.verdict.rawValue); with its metadata stripped: \(found.verdict.rawValue) by \(found.method.rawValue)"
        )

        let greg = try ledger.keyring.load("greg")
        let consent = try await append(ledger, samples.consent(), by: greg)
        _ = try await append(ledger, samples.attribution(lora: lora, consent: consent), by: studio)
        steps.say(
            "5. Greg Rutkowski declared he refuses style emulation; the LoRA is attributed to him from its training metadata"
        )

        let kris = try ledger.keyring.load("kris")
        let lettering = try await append(ledger, samples.lettering(panel: panel), by: kris)
        let redraw = try await append(ledger, samples.redraw(panel: panel), by: kris)
        let work = try await append(ledger, samples.work(panel: panel, contributions: [lettering, redraw]), by: kris)
        steps.say(
            "6. Kris recorded lettering and a hand redraw, and the comic page that arranges them (\(work.description.prefix(19))…)"
        )

        let superseded = try await ledger.record(wrong)
        steps.say("7. The superseded record now shows as \(superseded.status)")

        let proof = try await ledger.inclusionProof(for: panel)
        let proofFile = root.appendingPathComponent("panel.tlog-proof")
        try Data(proof.text.utf8).write(to: proofFile)
        let entry = try await ledger.record(panel).envelope.canonicalBytes()
        let proven = try proof.verify(entry: entry, policy: TlogPolicy(log: ledger.verifier))
        steps.say(
            "8. Proved the panel's record is entry \(proof.index) of the log of size \(proven.size): \(proofFile.path)"
        )

        let tiles = root.appendingPathComponent("tiles").path
        let published = try await ledger.publishTiles(to: tiles)
        let checked = try TileDirectoryVerifier(directory: tiles).verify(verifier: ledger.verifier)
        steps.say(
            "9. Published the log as static tiles (\(published.filesWritten) files) and re-derived every hash from them: size \(checked.size) verifies"
        )

        let head = try await ledger.latestCheckpoint()
        steps.say("Done: \(head.size) signed records; checkpoint root \(Base64.encode(head.root.bytes))")
        return Outcome(
            records: Int(head.size),
            head: head,
            proofVerified: true,
            tilesVerified: checked.size == head.size,
            steps: steps.lines
        )
    }

    /// The image data split into two chunks: other file bytes, the same pixels, as a re-save
    /// by another tool would leave them.
    static func splitImageData(_ chunks: [PNGChunk]) -> [PNGChunk] {
        guard let index = chunks.firstIndex(where: { $0.type == "IDAT" }) else { return chunks }
        var result = chunks
        let data = chunks[index].data
        let half = data.startIndex + data.count / 2
        result.replaceSubrange(
            index...index,
            with: [PNGChunk(type: "IDAT", data: data[..<half]), PNGChunk(type: "IDAT", data: data[half...])]
        )
        return result
    }

    private func append(_ ledger: Ledger, _ statement: Statement, by key: SigningKey) async throws -> RecordID {
        let envelope = try Envelope.sign(statement, with: key)
        guard let result = try await ledger.append([envelope]).first else {
            throw Failure(Failure.internalError, "the sample record was not appended")
        }
        return result.recordID
    }
}
