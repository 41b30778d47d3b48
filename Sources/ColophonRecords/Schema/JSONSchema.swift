/// A JSON Schema (draft 2020-12) for the subset of keywords Colophon's schemas use.
///
/// The schemas in `Schemas/` are the contract with other tools, and are checked independently
/// by Python's `jsonschema`; this validator applies the same documents inside Colophon, so a
/// record is checked against exactly what is published. Any keyword outside the supported set
/// makes loading fail rather than being ignored.
///
/// Documents are compiled once into ``SchemaNode``s with every `$ref` resolved and every
/// `pattern` compiled: validation runs on every append and every read, and looking keywords
/// up by name at each step would cost more than the checks themselves.
public struct JSONSchema: Sendable {
    /// The schema's `$id`.
    public let id: String
    let nodes: [SchemaNode]
    let rootIndex: Int

    static let supportedKeywords: Set<String> = [
        "$schema", "$id", "$defs", "$ref", "$comment", "title", "description", "examples", "default", "deprecated",
        "readOnly", "writeOnly", "type", "enum", "const", "properties", "required", "additionalProperties",
        "patternProperties", "propertyNames", "minProperties", "maxProperties", "dependentRequired", "items",
        "prefixItems", "minItems", "maxItems", "uniqueItems", "minLength", "maxLength", "pattern", "format",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "allOf", "anyOf", "oneOf",
        "not", "if", "then", "else",
    ]

    /// Loads a schema document, with the documents its `$ref`s may name by absolute URI.
    ///
    /// - Throws: ``SchemaError`` for a keyword, format or `$ref` this validator cannot honour.
    public init(_ document: JSONValue, referencing others: [JSONValue] = []) throws {
        guard case .object = document else { throw SchemaError("the schema is not an object") }
        id = document["$id"]?.stringValue ?? ""
        var documents: [String: JSONValue] = [:]
        for other in others + [document] {
            guard let otherID = other["$id"]?.stringValue else { throw SchemaError("a referenced schema has no $id") }
            documents[otherID] = other
        }
        var compiler = SchemaCompiler(documents: documents)
        rootIndex = try compiler.compile(document, documentID: id, pointer: "#")
        // Every other document is compiled too, so its keywords are checked even where
        // nothing refers to them yet.
        for other in others {
            _ = try compiler.compile(other, documentID: other["$id"]?.stringValue ?? "", pointer: "#")
        }
        nodes = compiler.nodes
    }

    /// Loads a schema from JSON bytes.
    public init(bytes: some Collection<UInt8>, referencing others: [JSONValue] = []) throws {
        try self.init(JSONParser().parse(bytes), referencing: others)
    }

    /// Every way `instance` violates the schema; empty when it conforms.
    public func validate(_ instance: JSONValue) -> [SchemaViolation] {
        var violations: [SchemaViolation] = []
        var validator = SchemaValidator(nodes: nodes)
        validator.validate(instance, rootIndex, into: &violations)
        // Members are walked in hash order; report in a stable order.
        return violations.enumerated().sorted { ($0.element.path, $0.offset) < ($1.element.path, $1.offset) }.map(
            \.element
        )
    }
}
