/// One schema object, compiled: keywords as typed fields, subschemas as indices into the
/// compiled schema's node list, references resolved.
struct SchemaNode: Sendable {
    /// How `additionalProperties` treats members no other keyword covers.
    enum Additional: Sendable {
        case allowed
        case forbidden
        case schema(Int)
    }

    /// The `format`s Colophon's schemas use.
    enum Format: String, Sendable {
        case dateTime = "date-time"
        case uri
    }

    /// A boolean schema: `true` accepts everything, `false` nothing.
    var always: Bool?
    var reference: Int?
    var types: [String]?
    var enumValues: [JSONValue]?
    var constValue: JSONValue?
    var properties: [String: Int] = [:]
    var required: [String] = []
    var additional: Additional = .allowed
    var patternProperties: [(SchemaPattern, Int)] = []
    var propertyNames: Int?
    var minProperties: Int?
    var maxProperties: Int?
    var dependentRequired: [(String, [String])] = []
    var items: Int?
    var prefixItems: [Int] = []
    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false
    var minLength: Int?
    var maxLength: Int?
    var pattern: SchemaPattern?
    var format: Format?
    var minimum: Double?
    var maximum: Double?
    var exclusiveMinimum: Double?
    var exclusiveMaximum: Double?
    var multipleOf: Double?
    var allOf: [Int] = []
    var anyOf: [Int]?
    var oneOf: [Int]?
    var not: Int?
    var ifSchema: Int?
    var thenSchema: Int?
    var elseSchema: Int?
}
