public import ColophonLedger
public import ColophonRecords

/// What `consent declare` prints: the declaration, what it supersedes, and the LoRAs it
/// linked to the artist.
public struct ConsentReport: Codable, Sendable {
    public struct Answer: Codable, Sendable {
        public var scope: String
        public var status: String
    }

    public struct Attribution: Codable, Sendable {
        public var recordId: String?
        public var adapterRecord: String
        public var adapterName: String
        public var basis: String
        public var confidence: Double
        public var evidence: String

        public init(_ link: AdapterAttribution) {
            recordId = link.record?.description
            adapterRecord = link.adapter.description
            adapterName = link.adapterName
            basis = link.basis.rawValue
            confidence = link.confidence
            evidence = link.evidence
        }
    }

    public var recordId: String
    public var index: UInt64
    public var isNew: Bool
    public var artist: String
    public var aliases: [String]
    public var declarations: [Answer]
    public var supersedes: String?
    public var attributions: [Attribution]

    public init(declared: Ledger.ConsentDeclared, predicate: ConsentPredicate) {
        recordId = declared.record.recordID.description
        index = declared.record.index
        isNew = declared.record.isNew
        artist = predicate.artist.name
        aliases = predicate.artist.aliases ?? []
        declarations = predicate.declarations.map { Answer(scope: $0.scope.rawValue, status: $0.status.rawValue) }
        supersedes = declared.supersedes?.description
        attributions = declared.attributions.map(Attribution.init)
    }

    public var text: String {
        let answers = declarations.map { "\($0.scope) \($0.status)" }.joined(separator: ", ")
        var lines = ["Declared for \(artist): \(answers)", "  record \(recordId) (entry \(index))"]
        if let supersedes { lines.append("  supersedes \(supersedes)") }
        for link in attributions {
            lines.append("  attributed LoRA \(link.adapterName) (\(link.basis), \(link.evidence))")
        }
        return lines.joined(separator: "\n")
    }
}
