import ColophonRecords

/// Indented JSON for people, members sorted like the canonical form.
enum PrettyJSON {
    static func render(_ value: JSONValue, indent: String = "") -> String {
        switch value {
        case .array(let elements) where !elements.isEmpty:
            let inner = elements.map { indent + "  " + render($0, indent: indent + "  ") }
            return "[\n" + inner.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let members) where !members.isEmpty:
            let inner = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }.map { name in
                indent + "  " + scalar(.string(name)) + ": " + render(members[name] ?? .null, indent: indent + "  ")
            }
            return "{\n" + inner.joined(separator: ",\n") + "\n" + indent + "}"
        default:
            return scalar(value)
        }
    }

    private static func scalar(_ value: JSONValue) -> String {
        (try? CanonicalJSON.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}
