import ColophonCrypto
import ColophonLedger
import ColophonLog
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
        let model = try await append(ledger, samples.model(), by: studio)
        let lora = try await append(ledger, samples.lora(baseModel: model), by: studio)
        steps.say(
            "3. Recorded base model SDXL (\(model.description.prefix(19))…) and the LoRA 'painterly' that declares it emulates Greg Rutkowski"
        )

        let wrong = try await append(ledger, samples.generation(model: model, lora: lora, seed: 1), by: studio)
        let panel = try await append(
            ledger,
            samples.generation(model: model, lora: lora, seed: 1_234_567_890),
            by: studio
        )
        _ = try await ledger.correct(
            wrong,
            action: .supersede,
            reason: "wrong seed recorded",
            replacement: panel,
            keyName: "studio"
        )
        steps.say(
            "4. Stamped panel art \(panel.description.prefix(19))…, and superseded an earlier record with a wrong seed (nothing is deleted)"
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

    private func append(_ ledger: Ledger, _ statement: Statement, by key: SigningKey) async throws -> RecordID {
        let envelope = try Envelope.sign(statement, with: key)
        guard let result = try await ledger.append([envelope]).first else {
            throw Failure(Failure.internalError, "the sample record was not appended")
        }
        return result.recordID
    }
}
