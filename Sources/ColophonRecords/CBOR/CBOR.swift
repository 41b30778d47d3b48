/// A CBOR data item (RFC 8949), as C2PA claims, assertions and COSE signatures use them.
///
/// Maps keep their order: C2PA validators hash the exact bytes a claim generator wrote, and
/// c2pa-rs writes keys in insertion order rather than sorted, so a map read and written again
/// must come out the same.
public indirect enum CBOR: Hashable, Sendable {
    case unsigned(UInt64)
    /// The integer −1 − n.
    case negative(UInt64)
    case bytes([UInt8])
    case text(String)
    case array([CBOR])
    case map([Pair])
    case tagged(UInt64, CBOR)
    case bool(Bool)
    case null
    case undefined
    /// Another simple value (0…19, 32…255).
    case simple(UInt8)
    case float(Double)

    /// One key and its value in a map.
    public struct Pair: Hashable, Sendable {
        public var key: CBOR
        public var value: CBOR

        public init(_ key: CBOR, _ value: CBOR) {
            self.key = key
            self.value = value
        }
    }

    /// An integer of either sign.
    public static func int(_ value: Int64) -> CBOR {
        value >= 0 ? .unsigned(UInt64(value)) : .negative(UInt64(-(value + 1)))
    }

    /// A map with text keys, in the order given.
    public static func map(_ pairs: KeyValuePairs<String, CBOR>) -> CBOR {
        .map(pairs.map { Pair(.text($0.key), $0.value) })
    }

    /// The value of text key `key` in a map.
    public subscript(key: String) -> CBOR? {
        guard case .map(let pairs) = self else { return nil }
        return pairs.first { $0.key == .text(key) }?.value
    }

    /// The value of integer key `key` in a map (COSE headers use small integers).
    public subscript(key: Int64) -> CBOR? {
        guard case .map(let pairs) = self else { return nil }
        return pairs.first { $0.key == .int(key) }?.value
    }

    public var textValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    public var bytesValue: [UInt8]? {
        if case .bytes(let bytes) = self { return bytes }
        return nil
    }

    public var arrayValue: [CBOR]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The value as a signed integer, when it is one that fits.
    public var intValue: Int64? {
        switch self {
        case .unsigned(let value): value <= UInt64(Int64.max) ? Int64(value) : nil
        case .negative(let value): value <= UInt64(Int64.max) ? -1 - Int64(value) : nil
        default: nil
        }
    }
}
