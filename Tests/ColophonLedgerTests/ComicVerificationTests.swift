import ColophonCrypto
import ColophonLedger
import ColophonMedia
import ColophonRecords
import ColophonStorage
import Foundation
import Testing

/// Works, contributions and a publisher's verification of a comic.
@Suite struct ComicVerificationTests {
    @Test func aGoodComicVerifiesWithCountsConsentAndClaim() async throws {
        let comic = try await ComicFixture.make()
        let result = try await comic.ledger.verifyComic(comic.book, source: "heron")
        #expect(result.verified, "\(result.problems) \(result.pages.map(\.problems))")
        #expect(result.foundBy == "page digests")
        #expect(result.pages.map(\.status) == [.matches, .matches])
        #expect(result.pages.map(\.aiCount) == [1, 0])
        #expect(result.pages.map(\.humanCount) == [1, 1])
        #expect(result.pages.map(\.modifiedAICount) == [0, 1])
        // The refusing artist's LoRA is flagged on page 1, the only page that used it.
        let flagged = result.pages.filter { $0.elements.contains { !$0.consent.isEmpty } }.map(\.number)
        #expect(flagged == [1])
        #expect(result.consent.allSatisfy { $0.kind == .conflict && $0.artist == "Inkwash ArtistName" })

        let claim = result.claim
        #expect(claim.authors == ["Kris"])
        #expect(
            claim.newMaterialIncluded
                == "Selection, coordination, and arrangement of text, lettering and artificial-intelligence-generated images; human modifications of artificial-intelligence-generated images (page 2)."
        )
        #expect(
            claim.materialExcluded
                == "Artificial-intelligence-generated images (pages 1 and 2), generated with sd_xl_base_1.0 with LoRA inkwash_style_v2."
        )
        #expect(claim.excludedElements.count == 2)
        #expect(claim.claimedParts.count == 4)
        #expect(claim.warnings.isEmpty, "\(claim.warnings)")

        let disclosure = result.disclosure
        #expect(disclosure.classification == "ai-generated")
        #expect(disclosure.aiImages == 2 && disclosure.humanModifiedAIImages == 1 && disclosure.aiTexts == 0)
        #expect(disclosure.images == "One or a few AI-generated images, with minimal or no editing")
        #expect(disclosure.credits.contains("Lettering: Kris"))
        #expect(disclosure.credits.contains("AI image generation: sd_xl_base_1.0 with LoRA inkwash_style_v2"))
    }

    @Test func changedMissingAndUnknownPagesFailVerification() async throws {
        let comic = try await ComicFixture.make()
        let strange = try PNGEncoder.encode(SampleArt.lighthouse(side: 64, grain: 3))
        var pages = comic.pages
        pages[1] = ComicPage(name: "page-2.png", bytes: [1, 2, 3])
        pages.append(ComicPage(name: "page-3.png", bytes: strange))
        let result = try await comic.ledger.verifyComic(ComicBook(pages: pages), source: "changed")
        #expect(!result.verified)
        #expect(result.pages.map(\.status) == [.matches, .differs, .notInWork])
        #expect(result.unknownPages.map(\.fileName) == ["page-3.png"])
        let missing = try await comic.ledger.verifyComic(ComicBook(pages: [comic.pages[0]]), source: "short")
        #expect(missing.pages.map(\.status) == [.matches, .missing])
        #expect(!missing.verified)
    }

    @Test func retractedRecordsAndRevokedKeysAreReported() async throws {
        let comic = try await ComicFixture.make()
        _ = try await comic.ledger.correct(comic.panels[1], action: .retract, reason: "wrong panel", keyName: "studio")
        _ = try await comic.ledger.revokeKey(name: "kris", reason: "laptop stolen")
        let result = try await comic.ledger.verifyComic(comic.book, source: "heron")
        #expect(!result.verified)
        let problems = result.pages[1].elements[0].problems
        #expect(problems.contains { $0.contains("is retracted") }, "\(problems)")
        #expect(result.notes.contains { $0.contains("a key revoked later (laptop stolen)") }, "\(result.notes)")
    }

    @Test func aManifestNamesTheVersionAndANewerOneIsNoted() async throws {
        let comic = try await ComicFixture.make()
        let archive = try await comic.ledger.comicArchive(of: comic.work.version, pages: comic.pages)
        var next = comic.work.version.predicate
        next.title = "The Heron, revised"
        let second = try await comic.ledger.recordWork(next, key: comic.author)
        #expect(second.supersedes == comic.work.record.recordID)
        #expect(second.version.predicate.version == 2)
        #expect(try await comic.ledger.record(comic.work.record.recordID).status == "superseded")
        let path = ComicArchiveTestsSupport.write(archive)
        let result = try await comic.ledger.verifyComic(path: path)
        #expect(result.foundBy == "manifest")
        #expect(result.work?.record == comic.work.record.recordID)
        #expect(result.newerVersion == second.record.recordID)
        #expect(result.verified)
    }

    @Test func bigWorksKeepTheirElementsInABlob() async throws {
        let comic = try await ComicFixture.make()
        var pages: [WorkPredicate.Page] = []
        for number in 1...200 {
            var page = WorkPredicate.Page(number: number, sha256: SHA256.hash(utf8: "big page \(number)").hex)
            page.fileName = "page-\(number).png"
            page.width = 1000
            page.height = 1400
            page.elements = (1...3).map { index in
                var element = WorkPredicate.Element(id: "p\(number)-e\(index)", kind: "balloon", origin: "human")
                element.box = Box(x: 10, y: Double(index) * 100, width: 200, height: 80)
                element.contributionRecords = [comic.lettering[0].description]
                return element
            }
            pages.append(page)
        }
        let recorded = try await comic.ledger.recordWork(
            WorkPredicate(workId: "big", title: "Big", pages: pages),
            key: comic.author
        )
        #expect(recorded.elementsInBlob)
        let stored = try await comic.ledger.record(recorded.record.recordID)
        #expect(try stored.statement.decodePredicate(as: WorkPredicate.self).pages.allSatisfy { $0.elements == nil })
        let loaded = try #require(try await comic.ledger.currentWork("big"))
        #expect(loaded.elements.count == 600)
        #expect(loaded.predicate.pages == pages)
    }

    @Test func inconsistentWorksAndContributionsAreRefused() async throws {
        let comic = try await ComicFixture.make()
        let base = comic.work.version.predicate
        func refused(_ edit: (inout WorkPredicate) -> Void) async -> String {
            var work = base
            edit(&work)
            do {
                _ = try await comic.ledger.recordWork(work, key: comic.author)
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        #expect(
            await refused {
                $0.pages[0].elements?[0].generationRecords = ["sha256:" + String(repeating: "0", count: 64)]
            }.contains("not in this ledger")
        )
        #expect(
            await refused { $0.pages[0].elements?[0].generationRecords = [comic.layout.description] }.contains(
                "not one"
            )
        )
        #expect(
            await refused { $0.pages[0].elements?[0].box = Box(x: 300, y: 500, width: 200, height: 200) }.contains(
                "outside the page"
            )
        )
        #expect(await refused { $0.pages[1].elements?[0].id = "p1-art" }.contains("repeated"))
        #expect(await refused { $0.pages[0].elements?[0].origin = "robot" }.contains("origin"))
        #expect(await refused { $0.pages[1].number = 1 }.contains("repeated"))
        #expect(await refused { $0.pages = [] }.contains("no pages"))
        #expect(await refused { $0.pages[0].sha256 = "XYZ" }.contains("64 lower-case hex"))

        func contribution(_ edit: (inout ContributionPredicate) -> Void) async -> String {
            var predicate = ContributionPredicate(
                contributor: Party(name: "Kris"),
                category: .lettering,
                attestation: "mine"
            )
            predicate.target = .init(workId: "heron", page: 1)
            edit(&predicate)
            do {
                let request = ContributionRequest(predicate: predicate, material: [.init(name: "m", bytes: [1])])
                _ = try await comic.ledger.recordContribution(request, key: comic.author)
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        #expect(
            await contribution { $0.region = .box(Box(x: 390, y: 10, width: 50, height: 50)) }.contains(
                "outside page 1"
            )
        )
        #expect(await contribution { $0.target?.page = 9 }.contains("no page 9"))
        #expect(await contribution { $0.region = .polygon([[0, 0], [1, 1]]) }.contains("at least 3 points"))
        #expect(await contribution { $0.attestation = "  " }.contains("attestation"))
        #expect(await contribution { $0.extent = "huge" }.contains("extent"))
        #expect(
            await contribution {
                $0.selection = .init(
                    candidates: [String(repeating: "a", count: 64)],
                    chosen: [String(repeating: "b", count: 64)]
                )
            }
            .contains("not among the candidates")
        )
        #expect(await contribution { $0.region = .polygon([[10, 10], [100, 10], [50, 90]]) } == "accepted")
    }

    @Test func strayPagesAreNumberedAfterTheWorkAndDisclosureAdmitsUnknowns() async throws {
        let comic = try await ComicFixture.make()
        let strange = try PNGEncoder.encode(SampleArt.lighthouse(side: 48, grain: 5))
        let pages = comic.pages + [ComicPage(name: "page-0.png", bytes: strange)]
        let result = try await comic.ledger.verifyComic(ComicBook(pages: pages), source: "stray")
        #expect(result.pages.map(\.number) == [1, 2, 3])
        #expect(result.pages.last?.status == .notInWork)
        #expect(result.disclosure.statement.contains("1 page has no record"))
        #expect(result.claim.warnings.contains { $0.hasPrefix("page 3 has no record of its content") })
        // Only unknowns, no AI: "unknown", not "none".
        let alone = try await comic.ledger.verifyComic(ComicBook(pages: [pages[2]]), source: "alone")
        #expect(alone.disclosure.classification == "unknown")
    }

    @Test func claimsLeaveOutPromptsAndNameOnlyWhatIsThere() async throws {
        let comic = try await ComicFixture.make()
        var prompt = ContributionPredicate(
            contributor: Party(name: "Pat"),
            category: .prompt,
            attestation: "I wrote the prompt."
        )
        prompt.after = DigestRef(sha256: String(repeating: "d", count: 64))
        let prompted = try await comic.ledger.recordContribution(
            ContributionRequest(predicate: prompt),
            key: comic.author
        )
        var work = comic.work.version.predicate
        for index in work.pages.indices {
            work.pages[index].elements = work.pages[index].elements?.filter { $0.kind == "panel_art" }
            work.pages[index].elements?[0].origin = "ai"
            work.pages[index].elements?[0].humanModification = nil
            work.pages[index].elements?[0].contributionRecords = [prompted.record.recordID.description]
        }
        work.contributionRecords = nil
        _ = try await comic.ledger.recordWork(work, key: comic.author)
        let promptOnly = try await comic.ledger.verifyComic(comic.book, source: "prompts")
        #expect(promptOnly.claim.authors.isEmpty)
        #expect(promptOnly.claim.claimedParts.isEmpty)
        #expect(promptOnly.claim.warnings.contains { $0.hasPrefix("the claim rests on prompts only") })
        // Layout alone, no text anywhere: the arrangement is of images.
        work.contributionRecords = [comic.layout.description]
        _ = try await comic.ledger.recordWork(work, key: comic.author)
        let layout = try await comic.ledger.verifyComic(comic.book, source: "layout")
        #expect(
            layout.claim.newMaterialIncluded
                == "Selection, coordination, and arrangement of artificial-intelligence-generated images."
        )
    }

    @Test func contributorsAreTheirSignersAndHugeRegionsAreRefused() async throws {
        let comic = try await ComicFixture.make()
        var predicate = ContributionPredicate(
            contributor: Party(name: "Someone", keyId: String(repeating: "e", count: 64)),
            category: .text,
            attestation: "mine"
        )
        predicate.after = DigestRef(sha256: String(repeating: "f", count: 64))
        await #expect {
            try await comic.ledger.recordContribution(ContributionRequest(predicate: predicate), key: comic.author)
        } throws: {
            "\($0)".contains("is not the key that signs")
        }
        predicate.contributor.keyId = nil
        predicate.target = .init(workId: "heron", page: 1)
        predicate.region = .box(Box(x: 1e300, y: 0, width: 10, height: 10))
        await #expect {
            try await comic.ledger.recordContribution(ContributionRequest(predicate: predicate), key: comic.author)
        } throws: {
            "\($0)".contains("outside page 1")
        }
    }

    @Test func contributionsLinkTheirBeforeImageAndKeepEvidence() async throws {
        let comic = try await ComicFixture.make()
        let record = try await comic.ledger.record(comic.redraw)
        let predicate = try record.statement.decodePredicate(as: ContributionPredicate.self)
        #expect(predicate.before?.record == comic.panels[1].description)
        #expect(predicate.target?.workRecord == nil)
        let blob = try #require(predicate.evidence?.first?.blob)
        let stored = try await comic.ledger.store.blob(try #require(SHA256Digest(hex: blob.dropFirst(7))))
        #expect(stored == Array("evidence modification_of_ai_output 2".utf8))
        // A before-image nobody kept: recorded, with a warning, and the claim draft says so.
        var bare = ContributionPredicate(
            contributor: Party(name: "Kris"),
            category: .modificationOfAIOutput,
            attestation: "edit"
        )
        bare.before = DigestRef(sha256: String(repeating: "b", count: 64))
        bare.after = DigestRef(sha256: String(repeating: "c", count: 64))
        bare.target = .init(workId: "heron", page: 1)
        let made = try await comic.ledger.recordContribution(ContributionRequest(predicate: bare), key: comic.author)
        #expect(made.warnings.contains { $0.contains("is not in the ledger") }, "\(made.warnings)")
        var work = comic.work.version.predicate
        work.pages[0].elements?[0].origin = "mixed"
        work.pages[0].elements?[0].contributionRecords = [made.record.recordID.description]
        work.pages[1].elements?[0].contributionRecords = nil
        _ = try await comic.ledger.recordWork(work, key: comic.author)
        let result = try await comic.ledger.verifyComic(comic.book, source: "heron")
        let warnings = result.claim.warnings
        #expect(warnings.contains { $0.contains("names a before-image that is not in the ledger") }, "\(warnings)")
        #expect(
            warnings.contains { $0.contains("p2-art: marked as modified by hand, but no modification record") },
            "\(warnings)"
        )
    }
}

/// Writes bytes to a temporary file for the ledger's path-based API.
enum ComicArchiveTestsSupport {
    static func write(_ bytes: [UInt8]) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("colophon-\(UUID().uuidString).cbz")
            .path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }
}
