/// A strict JSON (RFC 8259) parser for signed payloads.
///
/// Whatever two parsers could read differently is refused, because a signature over bytes
/// that mean different things to different verifiers is worthless: duplicate member names,
/// invalid UTF-8, unpaired surrogate escapes, numbers outside I-JSON (RFC 7493), a byte-order
/// mark, trailing content. Size and nesting are bounded so hostile input cannot exhaust memory
/// or the stack.
public struct JSONParser: Sendable {
    /// Bounds on what one document may hold.
    public struct Limits: Sendable {
        /// The largest document accepted, in bytes.
        public var maxBytes: Int
        /// The deepest nesting of arrays and objects accepted.
        public var maxDepth: Int

        public init(maxBytes: Int = 16 << 20, maxDepth: Int = 64) {
            self.maxBytes = maxBytes
            self.maxDepth = maxDepth
        }
    }

    /// The largest integer magnitude I-JSON can carry exactly, 2^53 − 1.
    public static let maxSafeInteger: Double = 9_007_199_254_740_991

    public var limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Parses one JSON document.
    ///
    /// - Throws: ``JSONError`` naming the byte offset and the rule that was broken.
    public func parse(_ bytes: some Collection<UInt8>) throws(JSONError) -> JSONValue {
        guard bytes.count <= limits.maxBytes else {
            throw JSONError(offset: 0, reason: "document is \(bytes.count) bytes, over the limit of \(limits.maxBytes)")
        }
        let contiguous = Array(bytes)
        return try contiguous.withUnsafeBufferPointer { (buffer) throws(JSONError) -> JSONValue in
            var scanner = Scanner(bytes: buffer, maxDepth: limits.maxDepth)
            return try scanner.document()
        }
    }

    /// Parses one JSON document from text.
    public func parse(_ text: String) throws(JSONError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

extension JSONParser {
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let maxDepth: Int
        var position = 0
        var depth = 0

        init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
        }

        mutating func document() throws(JSONError) -> JSONValue {
            if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
                throw JSONError(offset: 0, reason: "a byte-order mark is not allowed")
            }
            skipWhitespace()
            guard position < bytes.count else {
                throw JSONError(offset: position, reason: "empty document")
            }
            let value = try self.value()
            skipWhitespace()
            guard position == bytes.count else {
                throw JSONError(offset: position, reason: "unexpected content after the JSON value")
            }
            return value
        }

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        func fail(_ reason: String) -> JSONError {
            JSONError(offset: position, reason: reason)
        }

        mutating func value() throws(JSONError) -> JSONValue {
            guard position < bytes.count else { throw fail("unexpected end of input") }
            switch bytes[position] {
            case UInt8(ascii: "{"): return try object()
            case UInt8(ascii: "["): return try array()
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"):
                try literal("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try literal("null")
                return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return .number(try number())
            default:
                throw fail("unexpected character \(Self.describe(bytes[position]))")
            }
        }

        mutating func literal(_ word: StaticString) throws(JSONError) {
            let count = word.utf8CodeUnitCount
            guard position + count <= bytes.count else { throw fail("truncated literal") }
            let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
            for index in 0..<count where bytes[position + index] != expected[index] {
                throw fail("invalid literal")
            }
            position += count
        }

        mutating func enter() throws(JSONError) {
            depth += 1
            guard depth <= maxDepth else {
                throw fail("nesting deeper than \(maxDepth) levels")
            }
        }

        mutating func object() throws(JSONError) -> JSONValue {
            try enter()
            position += 1
            var members: [String: JSONValue] = [:]
            skipWhitespace()
            if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
                position += 1
                depth -= 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                    throw fail("expected a member name in double quotes")
                }
                let keyOffset = position
                let key = try string()
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                    throw fail("expected ':' after a member name")
                }
                position += 1
                skipWhitespace()
                let member = try value()
                guard members.updateValue(member, forKey: key) == nil else {
                    throw JSONError(offset: keyOffset, reason: "duplicate member name \"\(key)\"")
                }
                skipWhitespace()
                guard position < bytes.count else { throw fail("unterminated object") }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                if bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    depth -= 1
                    return .object(members)
                }
                throw fail("expected ',' or '}' in an object")
            }
        }

        mutating func array() throws(JSONError) -> JSONValue {
            try enter()
            position += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
                position += 1
                depth -= 1
                return .array(elements)
            }
            while true {
                skipWhitespace()
                elements.append(try value())
                skipWhitespace()
                guard position < bytes.count else { throw fail("unterminated array") }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                if bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    depth -= 1
                    return .array(elements)
                }
                throw fail("expected ',' or ']' in an array")
            }
        }

        static func describe(_ byte: UInt8) -> String {
            if byte >= 0x21 && byte < 0x7F {
                return "'\(Character(Unicode.Scalar(byte)))'"
            }
            return "0x" + String(byte, radix: 16, uppercase: true)
        }
    }
}
