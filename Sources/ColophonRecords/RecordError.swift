/// Why a statement, envelope or record was refused.
public struct RecordError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem; stable for programs to switch on.
    public var code: Code
    /// A one-line explanation naming the field or input at fault.
    public var reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }

    /// The kind of a ``RecordError``.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// Not JSON, or JSON that breaks the strict rules (duplicates, bad UTF-8, ...).
        public static let malformedJSON = Code("malformedJSON")
        /// Signed bytes that are not in RFC 8785 canonical form.
        public static let notCanonical = Code("notCanonical")
        /// JSON that is not an in-toto Statement v1.
        public static let notAStatement = Code("notAStatement")
        /// JSON that is not a DSSE envelope.
        public static let notAnEnvelope = Code("notAnEnvelope")
        /// A Colophon predicate that breaks its schema.
        public static let schemaViolation = Code("schemaViolation")
        /// An input larger than allowed.
        public static let tooLarge = Code("tooLarge")
    }
}
