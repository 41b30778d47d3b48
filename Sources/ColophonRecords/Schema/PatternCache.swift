/// Compiled `pattern` regular expressions of one schema, compiled once at load.
///
/// `@unchecked Sendable`: the dictionary is written only in `init` and read afterwards; a
/// compiled `Regex` is an immutable value.
final class PatternCache: @unchecked Sendable {
    private let compiled: [String: Regex<AnyRegexOutput>]

    init(_ patterns: Set<String>) throws {
        var compiled: [String: Regex<AnyRegexOutput>] = [:]
        for pattern in patterns {
            do {
                compiled[pattern] = try Regex(pattern)
            } catch {
                throw SchemaError("pattern \(pattern) does not compile: \(error)")
            }
        }
        self.compiled = compiled
    }

    /// Whether `text` contains a match (JSON Schema patterns are unanchored searches).
    func matches(_ pattern: String, _ text: String) -> Bool {
        guard let regex = compiled[pattern] else { return false }
        return (try? regex.firstMatch(in: text)) != nil
    }
}
