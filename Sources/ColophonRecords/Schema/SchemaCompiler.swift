/// Compiles schema documents into ``SchemaNode``s, resolving `$ref`s to node indices.
struct SchemaCompiler {
    let documents: [String: JSONValue]
    private(set) var nodes: [SchemaNode] = []
    /// Nodes already compiled, by document and JSON Pointer, so shared definitions (and
    /// recursive ones) compile once.
    private var compiled: [String: Int] = [:]

    init(documents: [String: JSONValue]) {
        self.documents = documents
    }

    mutating func compile(_ schema: JSONValue, documentID: String, pointer: String) throws -> Int {
        let key = documentID + pointer
        if let index = compiled[key] { return index }
        let index = nodes.count
        nodes.append(SchemaNode())
        compiled[key] = index
        nodes[index] = try node(schema, documentID: documentID, pointer: pointer)
        return index
    }

    private mutating func node(_ schema: JSONValue, documentID: String, pointer: String) throws -> SchemaNode {
        var node = SchemaNode()
        if case .bool(let flag) = schema {
            node.always = flag
            return node
        }
        guard let keywords = schema.objectValue else {
            throw SchemaError("\(pointer) is neither a schema object nor a boolean")
        }
        func sub(_ value: JSONValue, _ path: String) throws -> Int {
            try compile(value, documentID: documentID, pointer: pointer + "/" + path)
        }
        func number(_ keyword: String) throws -> Double? {
            guard let value = keywords[keyword] else { return nil }
            guard let number = value.numberValue else { throw SchemaError("\(pointer)/\(keyword) is not a number") }
            return number
        }
        func count(_ keyword: String) throws -> Int? {
            guard let value = try number(keyword) else { return nil }
            guard value >= 0, value.rounded() == value, value < 1e15 else {
                throw SchemaError("\(pointer)/\(keyword) is not a non-negative integer")
            }
            return Int(value)
        }
        func list(_ keyword: String) throws -> [Int]? {
            guard let value = keywords[keyword] else { return nil }
            guard let elements = value.arrayValue else { throw SchemaError("\(pointer)/\(keyword) is not an array") }
            return try elements.enumerated().map { try sub($0.element, "\(keyword)/\($0.offset)") }
        }

        for keyword in keywords.keys where !JSONSchema.supportedKeywords.contains(keyword) {
            throw SchemaError("\(pointer) uses the unsupported keyword \"\(keyword)\"")
        }
        if let reference = keywords["$ref"] {
            guard let text = reference.stringValue,
                let (target, targetID, targetPointer) = resolve(text, from: documentID)
            else {
                throw SchemaError("\(pointer)/$ref \(reference) does not resolve")
            }
            node.reference = try compile(target, documentID: targetID, pointer: targetPointer)
        }
        if let definitions = keywords["$defs"] {
            guard let members = definitions.objectValue else { throw SchemaError("\(pointer)/$defs is not an object") }
            for (name, definition) in members {
                _ = try sub(definition, "$defs/\(name)")
            }
        }
        if let type = keywords["type"] {
            let names = type.arrayValue?.compactMap(\.stringValue) ?? type.stringValue.map { [$0] }
            guard let names, !names.isEmpty else { throw SchemaError("\(pointer)/type is invalid") }
            node.types = names
        }
        node.enumValues = keywords["enum"]?.arrayValue
        node.constValue = keywords["const"]
        if let properties = keywords["properties"] {
            guard let members = properties.objectValue else {
                throw SchemaError("\(pointer)/properties is not an object")
            }
            for (name, subschema) in members {
                node.properties[name] = try sub(subschema, "properties/\(name)")
            }
        }
        node.required = keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        switch keywords["additionalProperties"] {
        case nil, .bool(true)?: node.additional = .allowed
        case .bool(false)?: node.additional = .forbidden
        case let subschema?: node.additional = .schema(try sub(subschema, "additionalProperties"))
        }
        if let patterns = keywords["patternProperties"]?.objectValue {
            for (pattern, subschema) in patterns.sorted(by: { $0.key < $1.key }) {
                node.patternProperties.append(
                    (try SchemaPattern(pattern), try sub(subschema, "patternProperties/\(pattern)"))
                )
            }
        }
        node.propertyNames = try keywords["propertyNames"].map { try sub($0, "propertyNames") }
        node.minProperties = try count("minProperties")
        node.maxProperties = try count("maxProperties")
        if let dependencies = keywords["dependentRequired"]?.objectValue {
            node.dependentRequired = dependencies.map { ($0.key, $0.value.arrayValue?.compactMap(\.stringValue) ?? []) }
        }
        node.items = try keywords["items"].map { try sub($0, "items") }
        node.prefixItems = try list("prefixItems") ?? []
        node.minItems = try count("minItems")
        node.maxItems = try count("maxItems")
        node.uniqueItems = keywords["uniqueItems"] == .bool(true)
        node.minLength = try count("minLength")
        node.maxLength = try count("maxLength")
        if let pattern = keywords["pattern"] {
            guard let text = pattern.stringValue else { throw SchemaError("\(pointer)/pattern is not a string") }
            node.pattern = try SchemaPattern(text)
        }
        if let format = keywords["format"] {
            guard let name = format.stringValue, let known = SchemaNode.Format(rawValue: name) else {
                throw SchemaError("\(pointer)/format \(format) is not supported")
            }
            node.format = known
        }
        node.minimum = try number("minimum")
        node.maximum = try number("maximum")
        node.exclusiveMinimum = try number("exclusiveMinimum")
        node.exclusiveMaximum = try number("exclusiveMaximum")
        node.multipleOf = try number("multipleOf")
        node.allOf = try list("allOf") ?? []
        node.anyOf = try list("anyOf")
        node.oneOf = try list("oneOf")
        node.not = try keywords["not"].map { try sub($0, "not") }
        node.ifSchema = try keywords["if"].map { try sub($0, "if") }
        node.thenSchema = try keywords["then"].map { try sub($0, "then") }
        node.elseSchema = try keywords["else"].map { try sub($0, "else") }
        return node
    }

    /// Resolves `#/$defs/name` within the current document or `URI#/$defs/name` within the
    /// document whose `$id` is URI.
    private func resolve(_ reference: String, from documentID: String) -> (JSONValue, String, String)? {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let base = parts.first.map(String.init) ?? ""
        let fragment = parts.count > 1 ? String(parts[1]) : ""
        let targetID = base.isEmpty ? documentID : base
        guard var node = documents[targetID] else { return nil }
        for token in fragment.split(separator: "/", omittingEmptySubsequences: true) {
            let name = token.split(separator: "~1", omittingEmptySubsequences: false).joined(separator: "/")
                .split(separator: "~0", omittingEmptySubsequences: false).joined(separator: "~")
            guard let next = node[name] else { return nil }
            node = next
        }
        return (node, targetID, "#" + fragment)
    }
}
