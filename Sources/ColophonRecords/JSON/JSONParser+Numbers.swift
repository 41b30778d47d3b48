extension JSONParser.Scanner {
    /// Reads a number in RFC 8259 grammar and applies I-JSON (RFC 7493 §2.2): it must be a
    /// finite double, a non-zero literal must not underflow to zero, and an integer literal
    /// must lie within ±(2^53 − 1) so every reader gets the same value.
    mutating func number() throws(JSONError) -> Double {
        let start = position
        var isInteger = true
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, Self.isDigit(bytes[position]) else { throw fail("invalid number") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count && Self.isDigit(bytes[position]) {
                throw fail("leading zeros are not allowed in numbers")
            }
        } else {
            while position < bytes.count && Self.isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < bytes.count, Self.isDigit(bytes[position]) else {
                throw fail("a decimal point must be followed by digits")
            }
            while position < bytes.count && Self.isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count && (bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E")) {
            isInteger = false
            position += 1
            if position < bytes.count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-"))
            {
                position += 1
            }
            guard position < bytes.count, Self.isDigit(bytes[position]) else {
                throw fail("an exponent must have digits")
            }
            while position < bytes.count && Self.isDigit(bytes[position]) { position += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw JSONError(offset: start, reason: "number \(text) is outside the range of an IEEE 754 double")
        }
        if value == 0 && text.utf8.contains(where: { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") })
            && !Self.isZeroMantissaWithExponent(text)
        {
            throw JSONError(offset: start, reason: "number \(text) underflows to zero")
        }
        if isInteger && abs(value) > JSONParser.maxSafeInteger {
            throw JSONError(
                offset: start,
                reason: "integer \(text) is beyond ±(2^53 − 1) and cannot be exchanged exactly"
            )
        }
        return value
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// True for literals like `0e10` or `0.0E-5`, whose non-zero digits are all in the exponent.
    static func isZeroMantissaWithExponent(_ text: String) -> Bool {
        let mantissa = text.split(whereSeparator: { $0 == "e" || $0 == "E" }).first ?? ""
        return !mantissa.contains(where: { ("1"..."9").contains($0) })
    }
}
