/// JSON as generators actually write it, read without losing anything: Python's `json.dumps`
/// emits `NaN` and `Infinity`, ComfyUI seeds reach 2^64, and member order carries meaning
/// (node order in a graph). Numbers keep their literal text; objects keep their order.
/// Record payloads use the strict parser in ColophonRecords; this one is for reading metadata.
public enum LooseJSON: Hashable, Sendable {
    case null
    case bool(Bool)
    /// The number's literal text, e.g. `156680208700286`, `0.8700000000000001`, `NaN`.
    case number(String)
    case string(String)
    case array([LooseJSON])
    case object([Member])

    /// One object member.
    public struct Member: Hashable, Sendable {
        public var key: String
        public var value: LooseJSON

        public init(key: String, value: LooseJSON) {
            self.key = key
            self.value = value
        }
    }

    public static let maxDepth = 128
    public static let maxBytes = 32 << 20

    public static func parse(_ text: String) throws(MediaError) -> LooseJSON {
        try parse(Array(text.utf8))
    }

    public static func parse(_ bytes: [UInt8]) throws(MediaError) -> LooseJSON {
        guard bytes.count <= maxBytes else { throw MediaError(.tooLarge, "JSON of \(bytes.count) bytes") }
        var parser = LooseJSONParser(bytes: bytes)
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else {
            throw MediaError(.malformed, "JSON: unexpected data after the value at byte \(parser.position)")
        }
        return value
    }

    /// The first member named `key` (the last one wins in Python; duplicates are rare).
    public subscript(key: String) -> LooseJSON? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// A number or a numeric string, as a Double.
    public var double: Double? {
        switch self {
        case .number(let literal): Double(literal)
        case .string(let text): Double(text.trimmingWhitespace)
        default: nil
        }
    }

    /// A number or numeric string holding an integer, exactly.
    public var integerLiteral: String? {
        let text: String
        switch self {
        case .number(let literal): text = literal
        case .string(let value): text = value.trimmingWhitespace
        default: return nil
        }
        var digits = text.utf8[...]
        if digits.first == UInt8(ascii: "-") { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return text
    }

    public var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var array: [LooseJSON]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var members: [Member]? {
        if case .object(let members) = self { return members }
        return nil
    }
}
