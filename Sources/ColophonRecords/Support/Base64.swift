/// Base64 (RFC 4648) without Foundation's leniency: the standard and URL-safe alphabets are
/// both read (DSSE allows either), padding is optional, and anything else is an error.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Standard alphabet with padding.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        appendEncoded(bytes, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the standard, padded encoding of `bytes` to `out` (for writers that build JSON).
    public static func appendEncoded(_ bytes: some Collection<UInt8>, to out: inout [UInt8]) {
        let input = Array(bytes)
        let start = out.count
        let length = (input.count + 2) / 3 * 4
        out.append(contentsOf: repeatElement(UInt8(ascii: "="), count: length))
        alphabet.withUnsafeBufferPointer { table in
            out.withUnsafeMutableBufferPointer { output in
                var write = start
                var index = 0
                while index + 3 <= input.count {
                    let value = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
                    output[write] = table[Int(value >> 18 & 63)]
                    output[write + 1] = table[Int(value >> 12 & 63)]
                    output[write + 2] = table[Int(value >> 6 & 63)]
                    output[write + 3] = table[Int(value & 63)]
                    write += 4
                    index += 3
                }
                let remaining = input.count - index
                if remaining > 0 {
                    var value = UInt32(input[index]) << 16
                    if remaining == 2 { value |= UInt32(input[index + 1]) << 8 }
                    output[write] = table[Int(value >> 18 & 63)]
                    output[write + 1] = table[Int(value >> 12 & 63)]
                    if remaining == 2 { output[write + 2] = table[Int(value >> 6 & 63)] }
                }
            }
        }
    }

    /// Decodes standard or URL-safe Base64, padded or not.
    ///
    /// - Returns: `nil` for a character outside the alphabets, misplaced padding, an impossible
    ///   length, or non-zero trailing bits (which would let two texts decode to the same bytes).
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var input = Array(text.utf8)
        if input.count % 4 == 0 {
            while input.last == UInt8(ascii: "=") { input.removeLast() }
            if input.count % 4 == 0 && text.utf8.count != input.count { return nil }
        } else if input.contains(UInt8(ascii: "=")) {
            return nil
        }
        guard input.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in input {
            guard let value = sextet(byte) else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        guard accumulator & ((1 << UInt32(bits)) - 1) == 0 else { return nil }
        return out
    }

    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"), UInt8(ascii: "-"): 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): 63
        default: nil
        }
    }
}
