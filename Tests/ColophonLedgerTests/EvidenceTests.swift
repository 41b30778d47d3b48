import ColophonCrypto
import ColophonLedger
import ColophonLog
import ColophonMedia
import ColophonRecords
import ColophonStorage
import Foundation
import Testing

/// Evidence bundles: what an export holds, the custody record, and offline verification
/// catching tampering.
@Suite struct EvidenceTests {
    static func export(
        _ comic: ComicFixture,
        _ scope: ExportScope,
        since: String? = nil,
        key: SigningKey? = nil
    )
        async throws -> (Ledger.BundleExported, String)
    {
        let request = Ledger.ExportRequest(
            scope: scope,
            reason: "audit",
            bundleName: "b.zip",
            since: since,
            tool: "test"
        )
        let exported = try await comic.ledger.exportBundle(request, key: key ?? comic.author)
        return (exported, ComicArchiveTestsSupport.write(exported.bytes))
    }

    static func files(_ path: String) throws -> [String: [UInt8]] {
        let contents = try ZipReader.read(
            path: path,
            what: "bundle",
            limits: ZipLimits(maxEntries: 10_000, maxTotalBytes: 1 << 30, maxCompressionRatio: 1000)
        ) { _ in 1 << 30 }
        return Dictionary(contents.entries.map { ($0.name, $0.bytes) }, uniquingKeysWith: { first, _ in first })
    }

    static func rewrite(_ files: [String: [UInt8]]) throws -> String {
        ComicArchiveTestsSupport.write(
            try ZipWriter.archive(
                files.keys.sorted().map { ZipWriter.Entry(name: $0, bytes: files[$0] ?? [], deflate: false) }
            )
        )
    }

    @Test func aWorkExportHoldsItsRecordsKeysBlobsAndCustody() async throws {
        let comic = try await ComicFixture.make()
        let (exported, path) = try await Self.export(comic, .work("heron"))
        let types = Dictionary(
            grouping: exported.manifest.records,
            by: { PredicateType(rawValue: $0.predicateType)?.shortName ?? "" }
        )
        .mapValues(\.count)
        #expect(types["work"] == 1 && types["generation"] == 2 && types["contribution"] == 4)
        #expect(types["key"] == 4 && types["adapter"] == 1 && types["custody"] == 1)
        #expect((types["attribution"] ?? 0) >= 1 && types["consent"] == 1)
        #expect(exported.blobs >= 5 && exported.missing.isEmpty)
        // The custody record is in the log, covered by the bundle's checkpoint.
        let custody = try await comic.ledger.record(exported.custody.recordID)
        #expect(custody.statement.predicateType == PredicateType.custody.rawValue)
        #expect(exported.manifest.log.size == exported.custody.index + 1)
        let result = try BundleVerifier.verify(path: path)
        #expect(result.verified, "\(result.checks.filter { !$0.passed })")
        #expect(result.records == exported.manifest.records.count)
        let files = try Self.files(path)
        #expect(files["verify/verify_bundle.py"]?.isEmpty == false)
        #expect(String(decoding: files["VERIFY.md"] ?? [], as: UTF8.self).contains("sha256sum -c SHA256SUMS"))
        #expect(String(decoding: files["report.html"] ?? [], as: UTF8.self).contains("does <b>not</b> prove"))
    }

    @Test func assetsThatRecordsDescribeGoIn() async throws {
        let comic = try await ComicFixture.make()
        let request = Ledger.ExportRequest(
            scope: .work("heron"),
            reason: "audit",
            bundleName: "a.zip",
            tool: "test",
            assets: try comic.pages.map { ($0.name, try $0.read()) } + [("stranger.png", Array("no record".utf8))]
        )
        let exported = try await comic.ledger.exportBundle(request, key: comic.author)
        let path = ComicArchiveTestsSupport.write(exported.bytes)
        let assets = try Self.files(path).keys.filter { $0.hasPrefix("assets/") }.sorted()
        #expect(assets.count == 2 && assets.allSatisfy { $0.hasSuffix("page-1.png") || $0.hasSuffix("page-2.png") })
        let result = try BundleVerifier.verify(path: path)
        #expect(result.verified && result.checks.contains { $0.name == "assets" && $0.passed })
    }

    @Test func scopesByRecordArtistAndLoRA() async throws {
        let comic = try await ComicFixture.make()
        let (byRecord, _) = try await Self.export(comic, .records([comic.panels[1]]))
        #expect(!byRecord.manifest.records.contains { $0.predicateType == PredicateType.work.rawValue })
        let (byArtist, artistPath) = try await Self.export(comic, .artist("inkwash artistname"))
        #expect(byArtist.manifest.records.contains { $0.id == comic.panels[0].description })
        #expect(!byArtist.manifest.records.contains { $0.id == comic.panels[1].description })
        #expect(try BundleVerifier.verify(path: artistPath).verified)
        let (byLora, _) = try await Self.export(comic, .lora("inkwash_style_v2"))
        #expect(byLora.manifest.records.contains { $0.id == comic.panels[0].description })
        await #expect { try await Self.export(comic, .lora("nothing-like-it")) } throws: {
            ($0 as? LedgerError)?.code == .notFound
        }
        await #expect {
            try await Self.export(comic, .records([RecordID(digest: SHA256.hash(utf8: "absent"))]))
        } throws: {
            ($0 as? LedgerError)?.code == .notFound
        }
    }

    @Test func sinceProvesTheLogExtendsAPinnedCheckpoint() async throws {
        let comic = try await ComicFixture.make()
        let pinned = try await comic.ledger.latestCheckpoint().note
        _ = try await comic.ledger.append([try comic.test.generation(99, key: comic.studio)])
        let (exported, path) = try await Self.export(comic, .work("heron"), since: pinned)
        #expect(exported.manifest.log.since != nil)
        let result = try BundleVerifier.verify(path: path)
        #expect(result.checks.contains { $0.name == "consistency" && $0.passed })
        // A checkpoint of another log is refused.
        let other = try await TestLedger(origin: "other.example/log")
        let foreign = try await other.ledger.latestCheckpoint().note
        await #expect { try await Self.export(comic, .work("heron"), since: foreign) } throws: {
            ($0 as? LedgerError)?.code == .badInput
        }
    }

    @Test func tamperingIsCaught() async throws {
        let comic = try await ComicFixture.make()
        let (exported, path) = try await Self.export(comic, .work("heron"))
        let files = try Self.files(path)
        let record = try #require(
            exported.manifest.records.first { $0.predicateType == PredicateType.generation.rawValue }
        )
        func failed(_ edit: (inout [String: [UInt8]]) -> Void) throws -> [String] {
            var copy = files
            edit(&copy)
            return try BundleVerifier.verify(path: try Self.rewrite(copy)).checks.filter { !$0.passed }.map(\.name)
        }
        #expect(try failed { _ in }.isEmpty)
        #expect(try failed { $0[record.file]?[40] ^= 1 }.contains("SHA256SUMS"))
        #expect(try failed { $0[record.proof] = nil }.contains("SHA256SUMS"))
        #expect(try failed { $0["MANIFEST.sig"] = $0["VERIFY.md"] }.contains("SHA256SUMS"))
        // Sums fixed up by the tamperer: the signed manifest still disagrees.
        let fixed = try failed { files in
            files[record.file]?[40] ^= 1
            files["SHA256SUMS"] = Self.sums(files)
        }
        #expect(fixed.contains("manifest files") && fixed.contains("records"))
        // Something that is not a zip archive is not a bundle at all (hostile archives are
        // refused by ZipReader, tested with comics, and by both verifiers in crosscheck.py).
        #expect(throws: LedgerError.self) {
            try BundleVerifier.verify(path: ComicArchiveTestsSupport.write(Array("PK no".utf8)))
        }
    }

    @Test func aRecordSignedByAKeyLaterFoundCompromisedFails() async throws {
        let comic = try await ComicFixture.make()
        _ = try await comic.ledger.revokeKey(
            name: "kris",
            reason: "stolen",
            compromisedAt: Date(timeIntervalSince1970: 0)
        )
        let (_, path) = try await Self.export(comic, .records([comic.redraw]), key: comic.studio)
        let result = try BundleVerifier.verify(path: path)
        #expect(!result.verified)
        #expect(result.checks.first { $0.name == "records" }?.detail.contains("compromise") == true)
    }

    @Test func committedPromptsAreWithheldAndCanBeRevealed() async throws {
        let comic = try await ComicFixture.make()
        let stamper = try await Stamper(ledger: comic.ledger, key: comic.studio)
        var options = StampOptions()
        options.commit = ["prompt", "operator"]
        var png = try PNGFile(bytes: try PNGEncoder.encode(SampleArt.lighthouse(side: 40)))
        try png.setText(
            PNGText(keyword: "parameters", text: "a secret lighthouse\nSteps: 20, Sampler: Euler, Seed: 4", kind: .text)
        )
        let (outcome, _) = try await stamper.stamp(bytes: png.serialized(), name: "secret.png", options: options)
        let record = try await comic.ledger.record(outcome.recordID)
        let generation = try record.statement.decodePredicate(as: GenerationPredicate.self)
        let commitment = try #require(FieldOpening.commitment(of: "prompt", in: generation))
        #expect(generation.rawMetadataBlob == nil)
        #expect(!String(decoding: record.envelope.payload, as: UTF8.self).contains("a secret lighthouse"))
        let openings = try #require(try comic.ledger.openings(of: outcome.recordID))
        #expect(openings.openings.map(\.field) == ["prompt"])
        #expect(openings.openings.first?.value == "a secret lighthouse")
        #expect(openings.openings.first?.commitment == commitment)
        #expect(openings.problem(against: record.statement) == nil)

        let (full, fullPath) = try await Self.export(comic, .records([outcome.recordID]))
        #expect(full.manifest.redacted.isEmpty)
        #expect(try Self.files(fullPath).keys.contains { $0.hasPrefix("openings/") })
        #expect(try BundleVerifier.verify(path: fullPath).checks.contains { $0.name == "openings" && $0.passed })
        let request = Ledger.ExportRequest(
            scope: .records([outcome.recordID]),
            reason: "audit",
            bundleName: "r.zip",
            tool: "test",
            redact: ["prompt"]
        )
        let redacted = try await comic.ledger.exportBundle(request, key: comic.author)
        let path = ComicArchiveTestsSupport.write(redacted.bytes)
        #expect(try !Self.files(path).keys.contains { $0.hasPrefix("openings/") })
        // Revealed later: the opening checks against the bundle; a changed value does not.
        #expect(try BundleVerifier.verify(path: path, openings: [openings]).verified)
        var forged = openings
        forged.openings[0].value = "a public lighthouse"
        #expect(try !BundleVerifier.verify(path: path, openings: [forged]).verified)
        await #expect {
            try await comic.ledger.exportBundle(
                Ledger.ExportRequest(
                    scope: .records([outcome.recordID]),
                    reason: "x",
                    bundleName: "x",
                    tool: "t",
                    redact: ["seed"]
                ),
                key: comic.author
            )
        } throws: { ($0 as? LedgerError)?.code == .badInput }
    }

    static func sums(_ files: [String: [UInt8]]) -> [UInt8] {
        Array(
            files.keys.filter { $0 != "SHA256SUMS" }.sorted().map { "\(SHA256.hash(files[$0] ?? []).hex)  \($0)\n" }
                .joined().utf8
        )
    }
}
