public import ColophonRecords
import Foundation

/// What flag evaluation found for one artist's declaration on one path through an image's
/// ancestry. The wording is deliberate: a refusal is a declared preference, so an image
/// "conflicts with the artist's declared refusal"; nothing here says it infringes.
public struct ConsentFinding: Hashable, Sendable {
    /// The artist's answer on the matched scope.
    public enum Kind: String, Hashable, Sendable {
        case conflict
        case conditional
        case consented
    }

    public var kind: Kind
    public var artist: String
    public var scope: ConsentPredicate.Scope
    public var declaration: RecordID
    /// The key that signed the declaration.
    public var declaredBy: String
    /// From the image to the match, one step per hop: "generation sha256:…", "LoRA 'painterly'",
    /// "dataset folder '10_greg rutkowski' names greg rutkowski".
    public var path: [String]
    /// Why the step matched: declared, training_metadata, trigger_word, prompt_text,
    /// adapter_name or declared_work.
    public var basis: String
    /// declared, hash-matched or inferred.
    public var evidenceStrength: String
    public var confidence: Double
    /// The image was made before the declaration took effect: it conflicts with today's
    /// declaration, not with one that existed when it was made.
    public var madeBeforeDeclaration: Bool
    /// The terms of a conditional answer.
    public var terms: String?

    /// One line for a report.
    public var message: String {
        Self.sentence(
            kind: kind,
            artist: artist,
            scopes: [scope],
            terms: terms,
            madeBeforeDeclaration: madeBeforeDeclaration,
            path: path
        )
    }

    /// The wording of findings that differ only in scope: "conflicts with Greg Rutkowski's
    /// declared refusal of style emulation and training: generation … → LoRA …".
    public static func sentence(
        kind: Kind,
        artist: String,
        scopes: [ConsentPredicate.Scope],
        terms: String?,
        madeBeforeDeclaration: Bool,
        path: [String]
    ) -> String {
        let names = scopes.map { $0.rawValue.replacingOccurrences(of: "_", with: " ") }
        let list =
            names.count > 1
            ? names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "") : names.first ?? ""
        let head: String
        switch kind {
        case .conflict: head = "conflicts with \(artist)'s declared refusal of \(list)"
        case .conditional: head = "\(artist) allows \(list) only on conditions" + (terms.map { " (\($0))" } ?? "")
        case .consented: head = "\(artist) declared consent to \(list)"
        }
        let timing = madeBeforeDeclaration ? " [made before the declaration took effect]" : ""
        return head + timing + ": " + path.joined(separator: " → ")
    }
}
