/// Formats doubles exactly as ECMAScript's `Number.prototype.toString` (ECMA-262 §6.1.6.1.20),
/// which RFC 8785 §3.2.2.3 adopts.
///
/// The digits come from Swift's own shortest round-trip conversion (the same "shortest digits,
/// nearest to the value" rule ECMAScript asks for); only the layout is ECMAScript's.
enum ECMAScriptNumber {
    static func format(_ value: Double) -> String {
        if value == 0 { return "0" }  // also -0
        if value < 0 { return "-" + format(-value) }
        let (digits, pointPosition) = shortestDigits(value)
        let k = digits.count
        let n = pointPosition
        if k <= n && n <= 21 {
            return digits + String(repeating: "0", count: n - k)
        }
        if 0 < n && n <= 21 {
            let index = digits.index(digits.startIndex, offsetBy: n)
            return digits[..<index] + "." + digits[index...]
        }
        if -6 < n && n <= 0 {
            return "0." + String(repeating: "0", count: -n) + digits
        }
        let exponent = n - 1
        let sign = exponent < 0 ? "-" : "+"
        let mantissa = k == 1 ? digits : digits.prefix(1) + "." + digits.dropFirst()
        return mantissa + "e" + sign + String(abs(exponent))
    }

    /// The shortest decimal digits `d1...dk` (no leading or trailing zeros) and the position
    /// `n` of the decimal point, such that value = 0.d1...dk × 10^n.
    static func shortestDigits(_ value: Double) -> (digits: String, pointPosition: Int) {
        // Swift prints the shortest round-trip form: "123.45", "1e-07", "1.2345e+20", "5e-324".
        let text = value.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var integerPart = mantissa
        var fractionPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<dot]
            fractionPart = mantissa[mantissa.index(after: dot)...]
        }
        var digits = String(integerPart) + fractionPart
        var point = integerPart.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" {
            digits.removeLast()
        }
        return (digits, point)
    }
}
