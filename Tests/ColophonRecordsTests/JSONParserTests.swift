import Foundation
import Testing

@testable import ColophonRecords

@Suite struct JSONParserTests {
    let parser = JSONParser()

    @Test func parsesEveryKind() throws {
        let value = try parser.parse(#" {"a": [1, -2.5e3, true, false, null, "x\u00e9\ud83d\ude00"], "b": {}} "#)
        #expect(value["a"]?.arrayValue?.count == 6)
        #expect(value["a"]?.arrayValue?[1] == .number(-2500))
        #expect(value["a"]?.arrayValue?[5] == .string("xé😀"))
        #expect(value["b"] == .object([:]))
    }

    static let rejected: [(String, String)] = [
        (#"{"a":1,"a":2}"#, "duplicate member name"),
        (#"{"a":1} x"#, "unexpected content"),
        ("", "empty document"),
        (#"{"a":1"#, "unterminated object"),
        (#"[1,2"#, "unterminated array"),
        (#""abc"#, "unterminated string"),
        (#"[1,]"#, "unexpected character"),
        (#"{"a" 1}"#, "expected ':'"),
        (#"{a:1}"#, "member name"),
        (#"01"#, "leading zeros"),
        (#"1."#, "decimal point"),
        (#"1e"#, "exponent"),
        (#"+1"#, "unexpected character"),
        (#"NaN"#, "unexpected character"),
        (#"1e400"#, "outside the range"),
        (#"-1e400"#, "outside the range"),
        (#"1e-400"#, "underflows"),
        (#"9007199254740993"#, "beyond ±(2^53 − 1)"),
        (#"-9007199254740992"#, "beyond ±(2^53 − 1)"),
        (#""\ud800""#, "unpaired high surrogate"),
        (#""\udc00""#, "unpaired low surrogate"),
        (#""\ud800\u0041""#, "not followed by a low surrogate"),
        (#""\x""#, "invalid escape"),
        (#""\u12zz""#, #"invalid \u escape"#),
        (#""\u12""#, #"truncated \u escape"#),
        ("\"a\u{1}b\"", "control character"),
        ("\"tab\there\"", "control character"),
        (#"tru"#, "truncated literal"),
        (#"nul1"#, "invalid literal"),
    ]

    @Test(arguments: rejected)
    func rejects(input: String, reason: String) {
        #expect {
            try parser.parse(input)
        } throws: { error in
            "\(error)".contains(reason)
        }
    }

    @Test func acceptsBoundaryNumbers() throws {
        #expect(try parser.parse("9007199254740991") == .number(9_007_199_254_740_991))
        #expect(try parser.parse("-9007199254740991") == .number(-9_007_199_254_740_991))
        #expect(try parser.parse("0e10") == .number(0))
        #expect(try parser.parse("-0") == .number(0))
        #expect(try parser.parse("1E30") == .number(1e30))
        #expect(try parser.parse("9007199254740993.0") == .number(9_007_199_254_740_992))
    }

    @Test(
        arguments: [
            [0xEF, 0xBB, 0xBF, 0x31],  // byte-order mark
            [0x22, 0xC0, 0xAF, 0x22],  // overlong '/'
            [0x22, 0xED, 0xA0, 0x80, 0x22],  // UTF-8 encoded surrogate
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // beyond U+10FFFF
            [0x22, 0xE2, 0x82, 0x22],  // truncated sequence
            [0x22, 0xFF, 0x22],  // invalid byte
            [0x22, 0x80, 0x22],  // lone continuation byte
        ] as [[UInt8]]
    )
    func rejectsInvalidUTF8(bytes: [UInt8]) {
        #expect(throws: JSONError.self) { try parser.parse(bytes) }
    }

    @Test func boundsNesting() throws {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect { try parser.parse(deep) } throws: { "\($0)".contains("nesting deeper than 64") }
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try parser.parse(ok) }
        // Hostile depth far beyond the limit neither crashes nor recurses unboundedly.
        let hostile = String(repeating: "{\"a\":", count: 100_000)
        #expect(throws: JSONError.self) { try parser.parse(hostile) }
    }

    @Test func boundsSize() {
        let small = JSONParser(limits: .init(maxBytes: 1024))
        let big = "\"" + String(repeating: "x", count: 2000) + "\""
        #expect { try small.parse(big) } throws: { "\($0)".contains("over the limit of 1024") }
    }

    @Test func hundredMegabyteValueIsRefusedQuickly() {
        let huge = [UInt8](repeating: UInt8(ascii: " "), count: 100 << 20)
        #expect { try parser.parse(huge) } throws: { "\($0)".contains("over the limit") }
    }
}
