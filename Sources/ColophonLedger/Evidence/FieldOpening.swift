import ColophonCrypto
public import ColophonRecords

/// The opening of a salted commitment: a field withheld from a record (a prompt, an operator's
/// name) can be revealed later, and anyone can check that it is what the record committed to.
/// The commitment is `sha256:` + the SHA-256 of the RFC 8785 JSON of
/// `{"field": …, "salt": …, "value": …}` (salt: 32 random bytes, base64).
public struct FieldOpening: Codable, Hashable, Sendable {
    /// The fields that can be committed: generation prompt, negative prompt and operator.
    public static let fields = ["prompt", "negativePrompt", "operator"]

    public var field: String
    public var salt: String
    public var value: String

    public init(field: String, salt: String, value: String) {
        self.field = field
        self.salt = salt
        self.value = value
    }

    /// A fresh opening for `value`, with a new random salt.
    public static func make(field: String, value: String) throws -> FieldOpening {
        FieldOpening(field: field, salt: Base64.encode(try SecureRandom.bytes(32)), value: value)
    }

    /// The commitment a record carries in place of the value.
    public var commitment: String {
        let object: JSONValue = .object(["field": .string(field), "salt": .string(salt), "value": .string(value)])
        let bytes = (try? CanonicalJSON.encode(object)) ?? []
        return "sha256:" + SHA256.hash(bytes).hex
    }

    /// Where a committable field lives in a generation predicate; nil for any other name.
    static func keyPath(of field: String) -> WritableKeyPath<GenerationPredicate, MaybeCommitted?>? {
        switch field {
        case "prompt": \.prompt
        case "negativePrompt": \.negativePrompt
        case "operator": \.operator_
        default: nil
        }
    }

    /// The commitment a generation predicate carries for `field`, if it carries one.
    public static func commitment(of field: String, in generation: GenerationPredicate) -> String? {
        guard let path = keyPath(of: field), case .committed(let commitment) = generation[keyPath: path] else {
            return nil
        }
        return commitment
    }
}
