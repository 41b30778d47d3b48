/// Reads CBOR from bytes that may be hostile: definite lengths only (indefinite-length items
/// are refused, as C2PA's deterministic encoding forbids them), declared sizes checked against
/// the bytes actually there before anything is allocated, nesting and item counts bounded,
/// text checked to be UTF-8.
public struct CBORDecoder: Sendable {
    /// How deep arrays, maps and tags may nest.
    public var maximumDepth = 64
    /// How many items one document may hold in all.
    public var maximumItems = 1_000_000

    public init() {}

    /// Decodes exactly one item that fills `bytes`.
    ///
    /// - Throws: ``CBORError`` naming the first problem and its offset.
    public func decode(_ bytes: [UInt8]) throws(CBORError) -> CBOR {
        var reader = Reader(bytes: bytes, decoder: self)
        let item = try reader.item(depth: 0)
        guard reader.offset == bytes.count else {
            throw CBORError(offset: reader.offset, "\(bytes.count - reader.offset) bytes follow the item")
        }
        return item
    }

    /// Decodes one item at the start of `bytes`; returns it and how many bytes it took.
    public func decodePrefix(_ bytes: [UInt8]) throws(CBORError) -> (item: CBOR, length: Int) {
        var reader = Reader(bytes: bytes, decoder: self)
        let item = try reader.item(depth: 0)
        return (item, reader.offset)
    }

    struct Reader {
        let bytes: [UInt8]
        let decoder: CBORDecoder
        var offset = 0
        var items = 0

        init(bytes: [UInt8], decoder: CBORDecoder) {
            self.bytes = bytes
            self.decoder = decoder
        }

        var remaining: Int { bytes.count - offset }

        /// The most elements reserved ahead from a declared count. A count is only a claim: items
        /// nested in each other may each declare nearly the whole input, and reserving every
        /// claim would take memory many times the input's size before one element is read.
        static let maximumReservation = 1024

        mutating func byte() throws(CBORError) -> UInt8 {
            guard offset < bytes.count else { throw CBORError(offset: offset, "the data ends inside an item") }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func big(_ count: Int) throws(CBORError) -> UInt64 {
            guard remaining >= count else { throw CBORError(offset: offset, "the data ends inside an item's head") }
            var value: UInt64 = 0
            for index in 0..<count { value = value << 8 | UInt64(bytes[offset + index]) }
            offset += count
            return value
        }

        /// The argument of a head whose low five bits are `info`.
        mutating func argument(_ info: UInt8, at start: Int) throws(CBORError) -> UInt64 {
            switch info {
            case 0..<24: return UInt64(info)
            case 24: return try big(1)
            case 25: return try big(2)
            case 26: return try big(4)
            case 27: return try big(8)
            case 31: throw CBORError(offset: start, "indefinite-length items are not allowed")
            default: throw CBORError(offset: start, "reserved additional information \(info)")
            }
        }

        /// A declared length, checked against what is left (each element takes at least one byte).
        mutating func length(_ value: UInt64, at start: Int, what: String) throws(CBORError) -> Int {
            guard value <= UInt64(remaining) else {
                throw CBORError(offset: start, "\(what) declares \(value), but only \(remaining) bytes follow")
            }
            return Int(value)
        }

        mutating func item(depth: Int) throws(CBORError) -> CBOR {
            guard depth <= decoder.maximumDepth else {
                throw CBORError(offset: offset, "items nest deeper than \(decoder.maximumDepth)")
            }
            items += 1
            guard items <= decoder.maximumItems else {
                throw CBORError(offset: offset, "more than \(decoder.maximumItems) items")
            }
            let start = offset
            let initial = try byte()
            let major = initial >> 5
            let info = initial & 0x1F
            if major == 7 { return try simple(info, at: start) }
            let value = try argument(info, at: start)
            switch major {
            case 0:
                return .unsigned(value)
            case 1:
                return .negative(value)
            case 2:
                let count = try length(value, at: start, what: "a byte string")
                defer { offset += count }
                return .bytes(Array(bytes[offset..<offset + count]))
            case 3:
                let count = try length(value, at: start, what: "a text string")
                guard let text = String(validating: bytes[offset..<offset + count], as: UTF8.self) else {
                    throw CBORError(offset: start, "a text string is not UTF-8")
                }
                offset += count
                return .text(text)
            case 4:
                let count = try length(value, at: start, what: "an array")
                var out: [CBOR] = []
                out.reserveCapacity(min(count, Self.maximumReservation))
                for _ in 0..<count { out.append(try item(depth: depth + 1)) }
                return .array(out)
            case 5:
                // Two items per entry: at least two bytes each.
                guard value <= UInt64(remaining / 2) else {
                    throw CBORError(
                        offset: start,
                        "a map declares \(value) entries, but only \(remaining) bytes follow"
                    )
                }
                var pairs: [CBOR.Pair] = []
                pairs.reserveCapacity(min(Int(value), Self.maximumReservation))
                for _ in 0..<Int(value) {
                    let key = try item(depth: depth + 1)
                    pairs.append(CBOR.Pair(key, try item(depth: depth + 1)))
                }
                return .map(pairs)
            default:
                return .tagged(value, try item(depth: depth + 1))
            }
        }

        mutating func simple(_ info: UInt8, at start: Int) throws(CBORError) -> CBOR {
            switch info {
            case 20: return .bool(false)
            case 21: return .bool(true)
            case 22: return .null
            case 23: return .undefined
            case 0..<20: return .simple(info)
            case 24:
                let value = try byte()
                guard value >= 32 else {
                    throw CBORError(offset: start, "simple value \(value) must use the short form")
                }
                return .simple(value)
            case 25: return .float(Double(Self.half(UInt16(try big(2)))))
            case 26: return .float(Double(Float(bitPattern: UInt32(try big(4)))))
            case 27: return .float(Double(bitPattern: try big(8)))
            case 31: throw CBORError(offset: start, "a break outside an indefinite-length item")
            default: throw CBORError(offset: start, "reserved simple value encoding \(info)")
            }
        }

        /// An IEEE 754 half-precision float.
        static func half(_ bits: UInt16) -> Float {
            let sign: Float = bits & 0x8000 == 0 ? 1 : -1
            let exponent = Int((bits >> 10) & 0x1F)
            let fraction = Float(bits & 0x3FF)
            switch exponent {
            case 0: return sign * fraction * Float(pow2: -24)
            case 31: return fraction == 0 ? sign * .infinity : .nan
            default: return sign * (1 + fraction / 1024) * Float(pow2: exponent - 15)
            }
        }
    }
}

extension Float {
    /// 2 raised to `exponent`.
    init(pow2 exponent: Int) {
        self = Float(sign: .plus, exponent: exponent, significand: 1)
    }
}
