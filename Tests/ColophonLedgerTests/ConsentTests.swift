import ColophonCrypto
import ColophonLedger
import ColophonMedia
import ColophonRecords
import ColophonStorage
import Foundation
import Testing

/// Artists' declarations, attribution of LoRAs to artists, and flag evaluation over an
/// image's ancestry.
@Suite struct ConsentTests {
    /// A ledger with the LoRA fixture (trained on "10_inkwash artistname") registered without
    /// any declared emulation, and an artist key.
    static func setUp() async throws -> (TestLedger, studio: SigningKey, artist: SigningKey, lora: RecordID) {
        let test = try await TestLedger()
        _ = try await test.ledger.createKey(name: "studio", role: .generator)
        _ = try await test.ledger.createKey(name: "inkwash", role: .artist)
        let studio = try test.ledger.keyring.load("studio")
        let artist = try test.ledger.keyring.load("inkwash")
        let file = try ModelFile(
            path: StampingTests.fixtures.appendingPathComponent("synth/lora_test.safetensors").path
        )
        let lora = try await test.ledger.registerAdapter(file, key: studio).record
        return (test, studio, artist, lora)
    }

    static func refusal(
        _ artist: String = "Inkwash Artistname",
        aliases: [String] = ["artistname"],
        scopes: [ConsentPredicate.Scope] = [.styleEmulation, .training],
        status: ConsentPredicate.Status = .refused,
        effectiveFrom: String? = nil
    ) -> ConsentPredicate {
        var predicate = ConsentPredicate(
            artist: .init(name: artist, aliases: aliases),
            declarations: scopes.map {
                .init(scope: $0, status: status, terms: status == .conditional ? "credit" : nil)
            }
        )
        predicate.effectiveFrom = effectiveFrom.flatMap(Timestamp.init)
        return predicate
    }

    /// Appends a generation record and returns it with its id.
    static func generation(
        _ test: TestLedger,
        key: SigningKey,
        seed: Int,
        lora: RecordID? = nil,
        prompt: String = "a heron",
        negative: String? = nil,
        input: String? = nil,
        createdAt: String = "2026-11-29T10:00:00Z"
    ) async throws -> (RecordID, GenerationPredicate, String) {
        var predicate = GenerationPredicate(createdAt: Timestamp(createdAt)!)
        predicate.prompt = .clear(prompt)
        predicate.negativePrompt = negative.map(MaybeCommitted.clear)
        if let lora {
            var use = GenerationPredicate.AdapterUse(name: "inkwash_style_v2", weight: 0.7)
            use.record = lora.description
            predicate.adapters = [use]
        }
        if let input { predicate.inputs = [.init(role: "init_image", sha256: input)] }
        let digest = SHA256.hash(utf8: "image \(seed)").hex
        let envelope = try Envelope.sign(
            Statement(subjects: [Subject(name: "\(seed).png", sha256: digest)], predicate: predicate),
            with: key
        )
        let appended = try #require(try await test.ledger.append([envelope]).first)
        return (appended.recordID, predicate, digest)
    }

    static func findings(
        _ test: TestLedger,
        _ item: (RecordID, GenerationPredicate, String)
    ) async throws
        -> [ConsentFinding]
    {
        try await test.ledger.consentFindings(
            for: item.1,
            record: item.0,
            book: test.ledger.consentBook(),
            catalog: test.ledger.modelCatalog()
        )
    }

    @Test func aRefusalFlagsEveryImageThatUsedTheLoRAAndOnlyThose() async throws {
        let (test, studio, artist, lora) = try await Self.setUp()
        let used = try await Self.generation(test, key: studio, seed: 1, lora: lora)
        let other = try await Self.generation(test, key: studio, seed: 2)
        let declared = try await test.ledger.declareConsent(Self.refusal(), key: artist)
        #expect(declared.supersedes == nil)
        // The LoRA's dataset folder names the artist: linked by an attribution record.
        let link = try #require(declared.attributions.first)
        #expect(declared.attributions.map(\.basis) == [.trainingMetadata, .triggerWord])
        #expect(link.adapter == lora && link.basis == .trainingMetadata)
        #expect(link.evidence.contains("dataset folder '10_inkwash artistname'"), "\(link.evidence)")
        let record = try await test.ledger.record(try #require(link.record))
        let attribution = try record.statement.decodePredicate(as: AttributionPredicate.self)
        #expect(attribution.artist.consentRecord == declared.record.recordID.description)
        #expect(record.statement.subjects.first?.sha256 != nil)

        let flagged = try await Self.findings(test, used)
        #expect(Set(flagged.map(\.scope)) == [.styleEmulation, .training, .trainingGenerative])
        #expect(flagged.allSatisfy { $0.kind == .conflict && $0.declaredBy == "inkwash" })
        let first = try #require(flagged.first)
        #expect(first.path.count == 3)
        #expect(first.path[1] == "LoRA 'inkwash_style_v2' at weight 0.7")
        #expect(first.message.hasPrefix("conflicts with Inkwash Artistname's declared refusal of style emulation"))
        #expect(!first.message.contains("infring"))
        #expect(first.evidenceStrength == "hash-matched")
        #expect(try await Self.findings(test, other).isEmpty)

        // The link is recorded once, however often the artist declares.
        let again = try await test.ledger.declareConsent(Self.refusal(), key: artist)
        #expect(again.attributions.isEmpty)
        #expect(again.supersedes == declared.record.recordID)
    }

    @Test func promptsThatNameTheArtistAreFlaggedButNotNegativePrompts() async throws {
        let (test, studio, artist, _) = try await Self.setUp()
        _ = try await test.ledger.declareConsent(
            Self.refusal(scopes: [.styleEmulation, .nameInPrompt]),
            key: artist
        )
        let named = try await Self.generation(test, key: studio, seed: 3, prompt: "a heron, by ArtistName, ink")
        let negative = try await Self.generation(test, key: studio, seed: 4, negative: "artistname")
        let tagged = try await Self.generation(test, key: studio, seed: 5, prompt: "heron <lora:artistname_v1:0.5>")
        let found = try await Self.findings(test, named)
        #expect(Set(found.map(\.scope)) == [.styleEmulation, .nameInPrompt])
        #expect(found.first?.basis == "prompt_text")
        #expect(found.first?.path.last == "the prompt names 'artistname'")
        #expect(try await Self.findings(test, negative).isEmpty)
        // A LoRA tag is judged by the LoRA, not by its file name typed into the prompt.
        #expect(try await Self.findings(test, tagged).isEmpty)
    }

    @Test func promptsWithStrayBracketsAndRunTogetherNamesAreStillRead() async throws {
        let (test, studio, artist, _) = try await Self.setUp()
        _ = try await test.ledger.declareConsent(Self.refusal(aliases: []), key: artist)
        let bracket = try await Self.generation(
            test,
            key: studio,
            seed: 30,
            prompt: "<3 a heron, by Inkwash ArtistName"
        )
        let joined = try await Self.generation(test, key: studio, seed: 31, prompt: "heron, InkwashArtistName style")
        #expect(try await Self.findings(test, bracket).first?.basis == "prompt_text")
        #expect(try await Self.findings(test, joined).first?.basis == "prompt_text")
    }

    @Test func triggerPhrasesWrittenAsPromptsArePromptText() async throws {
        let test = try await TestLedger()
        _ = try await test.ledger.createKey(name: "studio", role: .generator)
        _ = try await test.ledger.createKey(name: "painter", role: .artist)
        let weights = [UInt8](repeating: 3, count: 64)
        let header =
            #"{"__metadata__":{"modelspec.trigger_phrase":"in the style of Ada Painter","ss_output_name":"ada"},"w":{"dtype":"U8","shape":[64],"data_offsets":[0,64]}}"#
        var json = Array(header.utf8)
        while json.count % 8 != 0 { json.append(0x20) }
        let bytes = (0..<8).map { UInt8(truncatingIfNeeded: UInt64(json.count) >> (8 * UInt64($0))) } + json + weights
        let path = test.root.appendingPathComponent("ada.safetensors").path
        try FileManager.default.createDirectory(at: test.root, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        _ = try await test.ledger.registerAdapter(
            try ModelFile(path: path),
            key: try test.ledger.keyring.load("studio")
        )
        let declared = try await test.ledger.declareConsent(
            Self.refusal("Ada Painter", aliases: []),
            key: try test.ledger.keyring.load("painter")
        )
        #expect(declared.attributions.map(\.basis) == [.promptText])
        #expect(
            declared.attributions.first?.evidence == "trigger phrase 'in the style of Ada Painter' names ada painter"
        )
    }

    @Test func unregisteredLoRAsAreJudgedByTheirName() async throws {
        let (test, studio, artist, _) = try await Self.setUp()
        _ = try await test.ledger.declareConsent(Self.refusal(), key: artist)
        var predicate = GenerationPredicate(createdAt: Timestamp("2026-11-29T10:00:00Z")!)
        predicate.adapters = [.init(name: "ArtistName_style_v3", weight: 1, hash: "0123456789ab")]
        let found = try await test.ledger.consentFindings(
            for: predicate,
            record: nil,
            book: test.ledger.consentBook(),
            catalog: test.ledger.modelCatalog()
        )
        #expect(found.first?.basis == "adapter_name")
        #expect(found.first?.evidenceStrength == "inferred")
        _ = studio
    }

    @Test func laterDeclarationsSupersedeEarlierOnesBySameSigner() async throws {
        let (test, studio, artist, lora) = try await Self.setUp()
        let used = try await Self.generation(test, key: studio, seed: 6, lora: lora)
        let first = try await test.ledger.declareConsent(Self.refusal(), key: artist)
        let second = try await test.ledger.declareConsent(
            Self.refusal(aliases: [], scopes: [.styleEmulation], status: .conditional),
            key: artist
        )
        #expect(second.supersedes == first.record.recordID)
        let stored = try await test.ledger.record(second.record.recordID)
        let predicate = try stored.statement.decodePredicate(as: ConsentPredicate.self)
        #expect(predicate.supersedesRecord == first.record.recordID.description)
        let book = try await test.ledger.consentBook()
        #expect(book.declarations.count == 1)
        #expect(book.declarations.first?.supersedes == [first.record.recordID])
        let found = try await Self.findings(test, used)
        #expect(found.map(\.kind) == [.conditional])
        #expect(found.first?.terms == "credit")

        // Another key's declaration about the same name stands beside the artist's own.
        _ = try await test.ledger.declareConsent(Self.refusal(), key: studio)
        #expect(try await test.ledger.consentBook().declarations(naming: "INKWASH-ARTISTNAME").count == 2)
        #expect(try await Self.findings(test, used).contains { $0.kind == .conflict && $0.declaredBy == "studio" })
    }

    @Test func retractedDeclarationsNoLongerCount() async throws {
        let (test, studio, artist, lora) = try await Self.setUp()
        let used = try await Self.generation(test, key: studio, seed: 7, lora: lora)
        let declared = try await test.ledger.declareConsent(Self.refusal(), key: artist)
        _ = try await test.ledger.correct(
            declared.record.recordID,
            action: .retract,
            reason: "declared in error",
            keyName: "inkwash"
        )
        #expect(try await test.ledger.consentBook().declarations.isEmpty)
        #expect(try await Self.findings(test, used).isEmpty)
    }

    @Test func imagesMadeBeforeTheDeclarationAreMarked() async throws {
        let (test, studio, artist, lora) = try await Self.setUp()
        let early = try await Self.generation(test, key: studio, seed: 8, lora: lora, createdAt: "2025-01-01T00:00:00Z")
        let late = try await Self.generation(test, key: studio, seed: 9, lora: lora, createdAt: "2026-11-29T10:00:00Z")
        _ = try await test.ledger.declareConsent(Self.refusal(effectiveFrom: "2026-01-01T00:00:00Z"), key: artist)
        #expect(try await Self.findings(test, early).allSatisfy(\.madeBeforeDeclaration))
        let recent = try await Self.findings(test, late)
        #expect(!recent.isEmpty && recent.allSatisfy { !$0.madeBeforeDeclaration })
        #expect(try await Self.findings(test, early).first?.message.contains("made before the declaration") == true)
    }

    @Test func ancestryIsFollowedThroughInputImages() async throws {
        let (test, studio, artist, lora) = try await Self.setUp()
        let parent = try await Self.generation(test, key: studio, seed: 10, lora: lora)
        let child = try await Self.generation(test, key: studio, seed: 11, input: parent.2)
        var works = Self.refusal(scopes: [.inferenceInput, .styleEmulation])
        let artwork = SHA256.hash(utf8: "the artist's painting").hex
        works.worksCovered = .init(sha256: [artwork])
        _ = try await test.ledger.declareConsent(works, key: artist)
        let found = try await Self.findings(test, child)
        let viaParent = try #require(found.first { $0.path.contains { $0.hasPrefix("LoRA") } })
        #expect(viaParent.path[1].hasPrefix("input image (init_image)"))
        #expect(viaParent.path[2] == "generation \(String(parent.0.description.prefix(19)))…")
        // An input that is one of the artist's declared works.
        let fromArtwork = try await Self.generation(test, key: studio, seed: 12, input: artwork)
        let direct = try await Self.findings(test, fromArtwork)
        #expect(Set(direct.map(\.scope)) == [.inferenceInput, .styleEmulation])
        #expect(direct.first?.basis == "declared_work")
    }

    @Test func inputCyclesEnd() async throws {
        let (test, studio, artist, lora) = try await Self.setUp()
        _ = try await test.ledger.declareConsent(Self.refusal(), key: artist)
        // Two records that each name the other's image as their input.
        let a = SHA256.hash(utf8: "image 20").hex
        let b = SHA256.hash(utf8: "image 21").hex
        _ = try await Self.generation(test, key: studio, seed: 20, lora: lora, input: b)
        let second = try await Self.generation(test, key: studio, seed: 21, input: a)
        let found = try await Self.findings(test, second)
        #expect(found.contains { $0.path.contains { $0.hasPrefix("LoRA") } })
    }

    @Test func registeringALoRAAfterTheDeclarationLinksItToo() async throws {
        let test = try await TestLedger()
        _ = try await test.ledger.createKey(name: "studio", role: .generator)
        _ = try await test.ledger.createKey(name: "inkwash", role: .artist)
        let studio = try test.ledger.keyring.load("studio")
        _ = try await test.ledger.declareConsent(Self.refusal(), key: try test.ledger.keyring.load("inkwash"))
        let file = try ModelFile(
            path: StampingTests.fixtures.appendingPathComponent("synth/lora_test.safetensors").path
        )
        let lora = try await test.ledger.registerAdapter(file, emulates: ["Someone Else"], key: studio).record
        let book = try await test.ledger.consentBook()
        let links = book.recorded.filter { $0.adapter == lora }
        #expect(Set(links.map(\.basis)) == [.declared, .trainingMetadata, .triggerWord])
        #expect(Set(links.map(\.artist)) == ["Someone Else", "Inkwash Artistname"])
        #expect(links.filter { $0.artist == "Inkwash Artistname" }.count == 2)
        #expect(book.attributions(artist: "someone else", catalog: try await test.ledger.modelCatalog()).count == 1)
    }

    @Test func badDeclarationsAreRefused() async throws {
        let (test, _, artist, _) = try await Self.setUp()
        let size = try await test.ledger.latestCheckpoint().size
        for predicate in [
            Self.refusal("  ?! "),
            ConsentPredicate(artist: .init(name: "A"), declarations: []),
            Self.refusal(scopes: [.training, .training]),
        ] {
            await #expect {
                try await test.ledger.declareConsent(predicate, key: artist)
            } throws: { ($0 as? LedgerError)?.code == .badInput }
        }
        #expect(try await test.ledger.latestCheckpoint().size == size)
    }
}
