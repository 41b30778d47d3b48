/// The compiled `pattern`s of one schema, compiled once when it is loaded.
struct PatternCache: Sendable {
    private let compiled: [String: SchemaPattern]

    init(_ patterns: Set<String>) throws {
        var compiled: [String: SchemaPattern] = [:]
        for pattern in patterns {
            compiled[pattern] = try SchemaPattern(pattern)
        }
        self.compiled = compiled
    }

    /// Whether `text` contains a match (JSON Schema patterns are unanchored searches).
    func matches(_ pattern: String, _ text: String) -> Bool {
        compiled[pattern]?.matches(text) ?? false
    }
}
