import ColophonLedger
import ColophonRecords

/// What `consent declare` prints: the declaration, what it supersedes, and the LoRAs it
/// linked to the artist.
struct ConsentReport: Codable {
    struct Answer: Codable {
        var scope: String
        var status: String
    }

    struct Attribution: Codable {
        var recordId: String?
        var adapterRecord: String
        var adapterName: String
        var basis: String
        var confidence: Double
        var evidence: String

        init(_ link: AdapterAttribution) {
            recordId = link.record?.description
            adapterRecord = link.adapter.description
            adapterName = link.adapterName
            basis = link.basis.rawValue
            confidence = link.confidence
            evidence = link.evidence
        }
    }

    var recordId: String
    var index: UInt64
    var isNew: Bool
    var artist: String
    var aliases: [String]
    var declarations: [Answer]
    var supersedes: String?
    var attributions: [Attribution]

    init(declared: Ledger.ConsentDeclared, predicate: ConsentPredicate) {
        recordId = declared.record.recordID.description
        index = declared.record.index
        isNew = declared.record.isNew
        artist = predicate.artist.name
        aliases = predicate.artist.aliases ?? []
        declarations = predicate.declarations.map { Answer(scope: $0.scope.rawValue, status: $0.status.rawValue) }
        supersedes = declared.supersedes?.description
        attributions = declared.attributions.map(Attribution.init)
    }

    var text: String {
        let answers = declarations.map { "\($0.scope) \($0.status)" }.joined(separator: ", ")
        var lines = ["Declared for \(artist): \(answers)", "  record \(recordId) (entry \(index))"]
        if let supersedes { lines.append("  supersedes \(supersedes)") }
        for link in attributions {
            lines.append("  attributed LoRA \(link.adapterName) (\(link.basis), \(link.evidence))")
        }
        return lines.joined(separator: "\n")
    }
}
