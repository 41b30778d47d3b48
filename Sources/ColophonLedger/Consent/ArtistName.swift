import ColophonCrypto
public import ColophonRecords
import Foundation

/// An artist's name the way prompts, dataset folders and caption tags spell it: lower-case
/// words joined by single spaces, with kohya's `10_` repeat prefix and punctuation dropped, so
/// "10_Greg-Rutkowski", "greg_rutkowski" and "Greg Rutkowski" are one name.
public struct ArtistName: Hashable, Sendable, CustomStringConvertible {
    /// The normalised words.
    public let words: String

    /// Nil when the text has no letters or digits at all.
    public init?(_ text: String) {
        let words = Self.normalise(text)
        guard !words.isEmpty else { return nil }
        self.words = words
    }

    public var description: String { words }

    /// Whether `text` contains this name as whole words: "art" is not named by "artistname",
    /// and "rutkowski" is named by "in the style of Greg Rutkowski".
    public func isNamed(in text: String) -> Bool {
        let normalised = Self.normalise(text)
        if (" " + normalised + " ").contains(" " + words + " ") { return true }
        // Run together, as file names and tags often are: "GregRutkowski", "greg_rutkowski".
        guard words.contains(" ") else { return false }
        let joined = words.replacingOccurrences(of: " ", with: "")
        return normalised.split(separator: " ").contains { $0 == joined }
    }

    /// The subject under which an artist's consent records are filed, so that every record
    /// about one name is found by one digest lookup.
    public var subject: Subject {
        Subject(name: "artist:" + words, sha256: SHA256.hash(utf8: "colophon-artist:" + words).hex)
    }

    /// Lower-case words joined by single spaces.
    public static func normalise(_ text: String) -> String {
        var cleaned = text.lowercased()
        if let underscore = cleaned.firstIndex(of: "_"), Int(cleaned[..<underscore]) != nil {
            cleaned = String(cleaned[cleaned.index(after: underscore)...])
        }
        let separated = cleaned.map { $0.isLetter || $0.isNumber ? $0 : " " }
        return String(separated).split(separator: " ").joined(separator: " ")
    }
}
