public import ColophonLedger
import ColophonRecords
import Foundation

/// What `consent list` prints: the declarations in force.
public struct ConsentListReport: Codable, Sendable {
    public struct Declaration: Codable, Sendable {
        public var recordId: String
        public var index: UInt64
        public var artist: String
        public var aliases: [String]
        public var signer: String
        public var signerRole: String
        public var declarations: [ConsentReport.Answer]
        public var effectiveFrom: String
        public var supersedes: [String]

        public init(_ declaration: ConsentBook.Declaration) {
            recordId = declaration.record.description
            index = declaration.index
            artist = declaration.predicate.artist.name
            aliases = declaration.predicate.artist.aliases ?? []
            signer = declaration.signer
            signerRole = declaration.signerRole
            declarations = declaration.predicate.declarations.map {
                ConsentReport.Answer(scope: $0.scope.rawValue, status: $0.status.rawValue)
            }
            effectiveFrom = declaration.predicate.effectiveFrom?.text ?? RFC3339.format(declaration.integratedAt)
            supersedes = declaration.supersedes.map(\.description)
        }
    }

    public var declarations: [Declaration]

    public init(declarations: [Declaration]) {
        self.declarations = declarations
    }

    public var text: String {
        guard !declarations.isEmpty else { return "No declarations in force" }
        return declarations.map { item in
            let answers = item.declarations.map { "\($0.scope) \($0.status)" }.joined(separator: ", ")
            let superseded = item.supersedes.isEmpty ? "" : " (supersedes \(item.supersedes.count))"
            return "#\(item.index) \(item.artist) by \(item.signer): \(answers) from \(item.effectiveFrom)\(superseded)"
        }.joined(separator: "\n")
    }
}
