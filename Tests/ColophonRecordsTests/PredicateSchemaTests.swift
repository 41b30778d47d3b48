import ColophonRecords
import Foundation
import Testing

@Suite struct PredicateSchemaTests {
    static let examplesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Schemas/examples")

    @Test func everyTypeHasAnExample() throws {
        let names = Set(try PredicateExamples.all().map(\.name))
        #expect(names == Set(PredicateType.allCases.map(\.shortName)))
    }

    /// The committed examples are exactly what the Swift types produce; set
    /// COLOPHON_UPDATE_EXAMPLES=1 to rewrite them after a deliberate change.
    @Test func committedExamplesMatchTheSwiftTypes() throws {
        let update = ProcessInfo.processInfo.environment["COLOPHON_UPDATE_EXAMPLES"] == "1"
        for (name, statement) in try PredicateExamples.all() {
            let url = Self.examplesDirectory.appendingPathComponent("valid/\(name).json")
            let bytes = try statement.canonicalBytes()
            if update {
                try Data(bytes + [0x0A]).write(to: url)
            }
            let committed = try Data(contentsOf: url)
            #expect(Array(committed) == bytes + [0x0A], "Schemas/examples/valid/\(name).json is stale")
        }
    }

    @Test func examplesRoundTripThroughTheirTypes() throws {
        let statements = Dictionary(uniqueKeysWithValues: try PredicateExamples.all().map { ($0.name, $0.statement) })
        #expect(try statements["model"]?.decodePredicate(as: ModelPredicate.self) == PredicateExamples.model)
        #expect(try statements["adapter"]?.decodePredicate(as: AdapterPredicate.self) == PredicateExamples.adapter)
        #expect(
            try statements["generation"]?.decodePredicate(as: GenerationPredicate.self) == PredicateExamples.generation
        )
        #expect(
            try statements["contribution"]?.decodePredicate(as: ContributionPredicate.self)
                == PredicateExamples.contribution
        )
        #expect(try statements["work"]?.decodePredicate(as: WorkPredicate.self) == PredicateExamples.work)
        #expect(try statements["consent"]?.decodePredicate(as: ConsentPredicate.self) == PredicateExamples.consent)
        #expect(
            try statements["attribution"]?.decodePredicate(as: AttributionPredicate.self)
                == PredicateExamples.attribution
        )
        #expect(try statements["key"]?.decodePredicate(as: KeyPredicate.self) == PredicateExamples.key)
        #expect(
            try statements["correction"]?.decodePredicate(as: CorrectionPredicate.self) == PredicateExamples.correction
        )
        #expect(try statements["custody"]?.decodePredicate(as: CustodyPredicate.self) == PredicateExamples.custody)
        #expect(throws: RecordError.self) { try statements["model"]?.decodePredicate(as: KeyPredicate.self) }
    }

    /// Every file under Schemas/examples/invalid breaks its schema; Python's jsonschema is
    /// given the same files and must agree.
    @Test func invalidExamplesAreRejected() throws {
        let directory = Self.examplesDirectory.appendingPathComponent("invalid")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
            .sorted()
        #expect(files.count >= PredicateType.allCases.count)
        for file in files {
            let bytes = try Data(contentsOf: directory.appendingPathComponent(file))
            #expect(file.hasPrefix("\(try Statement.predicateShortName(of: bytes))-"))
            #expect(
                performing: { try Statement(bytes: bytes) },
                throws: { error in
                    (error as? RecordError)?.code == .schemaViolation
                }
            )
        }
    }

    @Test func violationsNameTheField() throws {
        var key = PredicateExamples.key
        key.previousKeyId = nil
        #expect {
            try Statement(subjects: [Subject(name: "k", sha256: PredicateExamples.hexA)], predicate: key)
        } throws: { error in
            "\(error)".contains("previousKeyId")
        }
        var generation = PredicateExamples.generation
        generation.digitalSourceType = "trained"
        #expect {
            try Statement(subjects: [Subject(name: "g", sha256: PredicateExamples.hexA)], predicate: generation)
        } throws: { error in
            "\(error)".contains("predicate/digitalSourceType")
        }
    }

    @Test func foreignPredicatesAreAcceptedWithoutSchema() throws {
        let json = #"""
            {"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"a.tar","digest":{"sha256":"\#(PredicateExamples.hexA)"}}],
             "predicateType":"https://slsa.dev/provenance/v1","predicate":{"buildDefinition":{"buildType":"x"}}}
            """#
        let statement = try Statement(bytes: Array(json.utf8))
        #expect(statement.colophonType == nil)
        #expect(statement.predicate["buildDefinition"]?["buildType"] == .string("x"))
    }

    @Test func referencedRecordsFollowTheNamingConvention() throws {
        let statements = Dictionary(uniqueKeysWithValues: try PredicateExamples.all().map { ($0.name, $0.statement) })
        let work = try #require(statements["work"])
        #expect(
            Set(work.referencedRecords.map(\.description)) == [PredicateExamples.record1, PredicateExamples.record2]
        )
        let correction = try #require(statements["correction"])

        #expect(
            Set(correction.referencedRecords.map(\.description)) == [
                PredicateExamples.record1, PredicateExamples.record2,
            ]
        )
        let model = try #require(statements["model"])
        #expect(model.referencedRecords.isEmpty)
    }
}

extension Statement {
    /// The short predicate name a test file is about, read without validating.
    static func predicateShortName(of bytes: Data) throws -> String {
        let value = try JSONParser().parse(bytes)
        return value["predicateType"]?.stringValue.flatMap { PredicateType(named: $0)?.shortName } ?? "?"
    }
}
