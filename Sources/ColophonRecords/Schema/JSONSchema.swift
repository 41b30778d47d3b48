/// A JSON Schema (draft 2020-12) for the subset of keywords Colophon's schemas use.
///
/// The schemas in `Schemas/` are the contract with other tools, and are checked independently
/// by Python's `jsonschema`; this validator applies the same documents inside Colophon, so a
/// record is checked against exactly what is published. Any keyword outside the supported set
/// makes loading fail rather than being ignored.
public struct JSONSchema: Sendable {
    /// The schema's `$id`.
    public let id: String
    let root: JSONValue
    /// Every document a `$ref` may point into, by `$id`.
    let documents: [String: JSONValue]
    /// Every `$ref` resolved once at load: (reference, the `$id` of the document it appears
    /// in) → the target and its document.
    let references: [ReferenceKey: (schema: JSONValue, root: JSONValue)]
    let patterns: PatternCache

    struct ReferenceKey: Hashable, Sendable {
        var reference: String
        var documentID: String
    }

    static let supportedKeywords: Set<String> = [
        "$schema", "$id", "$defs", "$ref", "$comment", "title", "description", "examples", "default", "deprecated",
        "readOnly", "writeOnly", "type", "enum", "const", "properties", "required", "additionalProperties",
        "patternProperties", "propertyNames", "minProperties", "maxProperties", "dependentRequired", "items",
        "prefixItems", "minItems", "maxItems", "uniqueItems", "minLength", "maxLength", "pattern", "format",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "allOf", "anyOf", "oneOf",
        "not", "if", "then", "else",
    ]

    static let supportedFormats: Set<String> = ["date-time", "uri"]

    /// Loads a schema document, with the documents its `$ref`s may name by absolute URI.
    ///
    /// - Throws: ``SchemaError`` for a keyword, format or `$ref` this validator cannot honour.
    public init(_ document: JSONValue, referencing others: [JSONValue] = []) throws {
        guard case .object = document else { throw SchemaError("the schema is not an object") }
        root = document
        id = document["$id"]?.stringValue ?? ""
        var documents: [String: JSONValue] = [:]
        for other in others + [document] {
            guard let otherID = other["$id"]?.stringValue else { throw SchemaError("a referenced schema has no $id") }
            documents[otherID] = other
        }
        self.documents = documents
        var patternTexts: Set<String> = []
        var references: [ReferenceKey: (schema: JSONValue, root: JSONValue)] = [:]
        for other in others + [document] {
            try Self.check(other, root: other, documents: documents, path: "#", patterns: &patternTexts, references: &references)
        }
        self.references = references
        patterns = try PatternCache(patternTexts)
    }

    /// Loads a schema from JSON bytes.
    public init(bytes: some Collection<UInt8>, referencing others: [JSONValue] = []) throws {
        try self.init(JSONParser().parse(bytes), referencing: others)
    }

    /// Every way `instance` violates the schema; empty when it conforms.
    public func validate(_ instance: JSONValue) -> [SchemaViolation] {
        var violations: [SchemaViolation] = []
        var walker = Walker(root: root, references: references, patterns: patterns)
        walker.validate(instance, against: root, into: &violations)
        return violations
    }

    private static func check(
        _ schema: JSONValue,
        root: JSONValue,
        documents: [String: JSONValue],
        path: String,
        patterns: inout Set<String>,
        references: inout [ReferenceKey: (schema: JSONValue, root: JSONValue)]
    ) throws {
        if case .bool = schema { return }
        guard let members = schema.objectValue else {
            throw SchemaError("\(path) is neither a schema object nor a boolean")
        }
        for (keyword, value) in members {
            guard supportedKeywords.contains(keyword) else {
                throw SchemaError("\(path) uses the unsupported keyword \"\(keyword)\"")
            }
            switch keyword {
            case "$ref":
                guard let reference = value.stringValue, let target = resolve(reference, in: root, documents: documents)
                else {
                    throw SchemaError("\(path)/$ref \(value) does not resolve")
                }
                references[ReferenceKey(reference: reference, documentID: root["$id"]?.stringValue ?? "")] = target
            case "pattern":
                guard let pattern = value.stringValue else { throw SchemaError("\(path)/pattern is not a string") }
                patterns.insert(pattern)
            case "format":
                guard let format = value.stringValue, supportedFormats.contains(format) else {
                    throw SchemaError("\(path)/format \(value) is not supported")
                }
            case "properties", "$defs", "patternProperties":
                guard let children = value.objectValue else { throw SchemaError("\(path)/\(keyword) is not an object") }
                for (name, child) in children {
                    if keyword == "patternProperties" { patterns.insert(name) }
                    try check(
                        child,
                        root: root,
                        documents: documents,
                        path: "\(path)/\(keyword)/\(name)",
                        patterns: &patterns,
                        references: &references
                    )
                }
            case "allOf", "anyOf", "oneOf", "prefixItems":
                guard let children = value.arrayValue else { throw SchemaError("\(path)/\(keyword) is not an array") }
                for (index, child) in children.enumerated() {
                    try check(
                        child,
                        root: root,
                        documents: documents,
                        path: "\(path)/\(keyword)/\(index)",
                        patterns: &patterns,
                        references: &references
                    )
                }
            case "items", "additionalProperties", "propertyNames", "not", "if", "then", "else":
                try check(value, root: root, documents: documents, path: "\(path)/\(keyword)", patterns: &patterns, references: &references)
            default:
                break
            }
        }
    }

    /// Resolves `#/$defs/name` within `root`, or `URI#/$defs/name` within the document whose
    /// `$id` is URI; returns the target and the document it lies in.
    static func resolve(
        _ reference: String,
        in root: JSONValue,
        documents: [String: JSONValue]
    ) -> (schema: JSONValue, root: JSONValue)? {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let base = parts.first.map(String.init) ?? ""
        let fragment = parts.count > 1 ? parts[1] : ""
        guard let document = base.isEmpty ? root : documents[base] else { return nil }
        var node = document
        for token in fragment.split(separator: "/", omittingEmptySubsequences: true) {
            let name = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let next = node[name] else { return nil }
            node = next
        }
        return (node, document)
    }
}

extension StringProtocol {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        String(self).split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
