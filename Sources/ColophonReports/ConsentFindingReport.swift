public import ColophonLedger
import ColophonRecords
import Foundation

/// One flag-evaluation finding as `verify` prints it.
public struct ConsentFindingReport: Codable, Sendable {
    public var kind: String
    public var artist: String
    public var scope: String
    public var declarationRecord: String
    public var declaredBy: String
    public var path: [String]
    public var basis: String
    public var evidenceStrength: String
    public var confidence: Double
    public var madeBeforeDeclaration: Bool
    public var terms: String?
    public var message: String

    public init(_ finding: ConsentFinding) {
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
    public var label: String {
        switch kind {
        case "conflict": "CONSENT CONFLICT"
        case "conditional": "consent conditional"
        default: "consent granted"
        }
    }

    /// Findings that differ only in scope, as one line each: "conflicts with Greg Rutkowski's
    /// declared refusal of style emulation, training and training generative: …".
    public static func lines(_ findings: [ConsentFindingReport]) -> [(label: String, text: String)] {
        var order: [String] = []
        var groups: [String: [ConsentFindingReport]] = [:]
        for finding in findings {
            let key = ([finding.kind, finding.declarationRecord] + finding.path).joined(separator: "\u{1F}")
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(finding)
        }
        return order.compactMap { key in
            guard let group = groups[key], let first = group.first,
                let kind = ConsentFinding.Kind(rawValue: first.kind)
            else { return nil }
            let text = ConsentFinding.sentence(
                kind: kind,
                artist: first.artist,
                scopes: group.compactMap { ConsentPredicate.Scope(rawValue: $0.scope) },
                terms: first.terms,
                madeBeforeDeclaration: first.madeBeforeDeclaration,
                path: first.path
            )
            return (first.label, text)
        }
    }
}
