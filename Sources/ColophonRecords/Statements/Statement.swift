/// An in-toto Statement v1: subjects (the artifacts) and a typed predicate (what is claimed
/// about them).
///
/// Any valid Statement is accepted, so other tools' attestations can live in the ledger; those
/// with a Colophon predicate type are also held to that type's schema.
public struct Statement: Hashable, Sendable {
    /// The `_type` of every in-toto Statement v1.
    public static let statementType = "https://in-toto.io/Statement/v1"
    /// The largest statement accepted, in bytes; a whole signed envelope must fit a 64 KiB log entry.
    public static let maxBytes = 48 * 1024

    public var subjects: [Subject]
    public var predicateType: String
    /// The predicate body (an object), or `.null` when absent.
    public var predicate: JSONValue
    /// Top-level members other than the four defined ones, kept as given.
    var other: [String: JSONValue]

    public init(subjects: [Subject], predicateType: String, predicate: JSONValue) {
        self.subjects = subjects
        self.predicateType = predicateType
        self.predicate = predicate
        self.other = [:]
    }

    /// A statement with a typed Colophon predicate, checked against its schema.
    ///
    /// - Throws: ``RecordError`` `.schemaViolation` listing what is wrong.
    public init<P: Predicate>(subjects: [Subject], predicate: P) throws {
        let body = try JSONValue(encoding: predicate)
        self.init(subjects: subjects, predicateType: P.predicateType.rawValue, predicate: body)
        try validate()
    }

    /// Reads a statement from JSON, checking the in-toto rules and, for Colophon types, the schema.
    public init(json: JSONValue) throws(RecordError) {
        guard var members = json.objectValue else {
            throw RecordError(.notAStatement, "the statement is not a JSON object")
        }
        guard members.removeValue(forKey: "_type")?.stringValue == Self.statementType else {
            throw RecordError(.notAStatement, "_type must be \(Self.statementType)")
        }
        guard let subjectList = members.removeValue(forKey: "subject")?.arrayValue, !subjectList.isEmpty else {
            throw RecordError(.notAStatement, "subject must be a non-empty array")
        }
        var subjects: [Subject] = []
        for (index, subject) in subjectList.enumerated() {
            subjects.append(try Subject(json: subject, index: index))
        }
        guard let predicateType = members.removeValue(forKey: "predicateType")?.stringValue,
            StringFormat.isURI(predicateType)
        else {
            throw RecordError(.notAStatement, "predicateType must be a URI")
        }
        let predicate = members.removeValue(forKey: "predicate") ?? .null
        guard predicate == .null || predicate.objectValue != nil else {
            throw RecordError(.notAStatement, "predicate must be an object")
        }
        self.subjects = subjects
        self.predicateType = predicateType
        self.predicate = predicate
        self.other = members
        try validate()
    }

    /// Parses and checks statement bytes (strict JSON, size-limited).
    public init(bytes: some Collection<UInt8>) throws(RecordError) {
        guard bytes.count <= Self.maxBytes else {
            throw RecordError(.tooLarge, "the statement is \(bytes.count) bytes; the limit is \(Self.maxBytes)")
        }
        let value: JSONValue
        do {
            value = try JSONParser(limits: .init(maxBytes: Self.maxBytes)).parse(bytes)
        } catch {
            throw RecordError(.malformedJSON, error.description)
        }
        try self.init(json: value)
    }

    /// The Colophon predicate type, or `nil` for another tool's predicate.
    public var colophonType: PredicateType? {
        PredicateType(rawValue: predicateType)
    }

    /// Checks a Colophon predicate against its schema; other predicate types pass.
    public func validate() throws(RecordError) {
        guard let type = colophonType else { return }
        let violations: [SchemaViolation]
        do {
            violations = try PredicateSchemas.violations(of: predicate, as: type)
        } catch {
            throw RecordError(.schemaViolation, "the \(type.shortName) schema cannot be used: \(error)")
        }
        guard violations.isEmpty else {
            let listed = violations.prefix(5).map { "predicate\($0.path): \($0.message)" }.joined(separator: "; ")
            let more = violations.count > 5 ? " (and \(violations.count - 5) more)" : ""
            throw RecordError(.schemaViolation, "\(type.shortName) record: \(listed)\(more)")
        }
    }

    /// The statement as a JSON value.
    public var json: JSONValue {
        var members = other
        members["_type"] = .string(Self.statementType)
        members["subject"] = .array(subjects.map(\.json))
        members["predicateType"] = .string(predicateType)
        if predicate != .null { members["predicate"] = predicate }
        return .object(members)
    }

    /// The RFC 8785 canonical bytes: what gets signed, and what the record id is the hash of.
    public func canonicalBytes() throws(RecordError) -> [UInt8] {
        do {
            return try CanonicalJSON.encode(json)
        } catch {
            throw RecordError(.malformedJSON, error.description)
        }
    }

    /// Decodes the predicate as a typed Colophon predicate.
    public func decodePredicate<P: Predicate>(as type: P.Type) throws -> P {
        guard predicateType == P.predicateType.rawValue else {
            throw RecordError(.notAStatement, "the predicate is \(predicateType), not \(P.predicateType.rawValue)")
        }
        return try predicate.decode(as: type)
    }
}
