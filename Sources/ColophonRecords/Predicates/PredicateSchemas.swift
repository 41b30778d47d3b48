/// The compiled schemas of every ``PredicateType``, loaded once.
public enum PredicateSchemas {
    private static let loaded: Result<[PredicateType: JSONSchema], any Error> = Result {
        let common = try JSONParser().parse(PackageResources.common_schema_json)
        var schemas: [PredicateType: JSONSchema] = [:]
        for type in PredicateType.allCases {
            let schema = try JSONSchema(bytes: type.schemaBytes, referencing: [common])
            guard schema.id == type.rawValue else {
                throw SchemaError("the schema for \(type.shortName) has $id \(schema.id), not \(type.rawValue)")
            }
            schemas[type] = schema
        }
        return schemas
    }

    /// The schema of a predicate type.
    ///
    /// - Throws: ``SchemaError`` if the compiled-in schemas are unusable (a build defect).
    public static func schema(for type: PredicateType) throws -> JSONSchema {
        let schemas = try loaded.get()
        guard let schema = schemas[type] else { throw SchemaError("no schema for \(type.rawValue)") }
        return schema
    }

    /// Validates a predicate body against its type's schema.
    public static func violations(of predicate: JSONValue, as type: PredicateType) throws -> [SchemaViolation] {
        try schema(for: type).validate(predicate)
    }
}
