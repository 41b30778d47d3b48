import ColophonLedger
import ColophonRecords

/// One flag-evaluation finding as `verify` prints it.
struct ConsentFindingReport: Codable {
    var kind: String
    var artist: String
    var scope: String
    var declarationRecord: String
    var declaredBy: String
    var path: [String]
    var basis: String
    var evidenceStrength: String
    var confidence: Double
    var madeBeforeDeclaration: Bool
    var terms: String?
    var message: String

    init(_ finding: ConsentFinding) {
        kind = finding.kind.rawValue
        artist = finding.artist
        scope = finding.scope.rawValue
        declarationRecord = finding.declaration.description
        declaredBy = finding.declaredBy
        path = finding.path
        basis = finding.basis
        evidenceStrength = finding.evidenceStrength
        confidence = finding.confidence
        madeBeforeDeclaration = finding.madeBeforeDeclaration
        terms = finding.terms
        message = finding.message
    }

    /// The label a report line starts with.
    var label: String {
        switch kind {
        case "conflict": "CONSENT CONFLICT"
        case "conditional": "consent conditional"
        default: "consent granted"
        }
    }
}
