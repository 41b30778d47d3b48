import Foundation
import Testing

@testable import ColophonRecords

@Suite struct JCSTests {
    /// RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text.
    @Test(
        arguments: [
            (0x0000_0000_0000_0000, "0"),
            (0x8000_0000_0000_0000, "0"),
            (0x0000_0000_0000_0001, "5e-324"),
            (0x8000_0000_0000_0001, "-5e-324"),
            (0x7fef_ffff_ffff_ffff, "1.7976931348623157e+308"),
            (0xffef_ffff_ffff_ffff, "-1.7976931348623157e+308"),
            (0x4340_0000_0000_0000, "9007199254740992"),
            (0xc340_0000_0000_0000, "-9007199254740992"),
            (0x4430_0000_0000_0000, "295147905179352830000"),
            (0x44b5_2d02_c7e1_4af5, "9.999999999999997e+22"),
            (0x44b5_2d02_c7e1_4af6, "1e+23"),
            (0x44b5_2d02_c7e1_4af7, "1.0000000000000001e+23"),
            (0x444b_1ae4_d6e2_ef4e, "999999999999999700000"),
            (0x444b_1ae4_d6e2_ef4f, "999999999999999900000"),
            (0x444b_1ae4_d6e2_ef50, "1e+21"),
            (0x3eb0_c6f7_a0b5_ed8c, "9.999999999999997e-7"),
            (0x3eb0_c6f7_a0b5_ed8d, "0.000001"),
            (0x41b3_de43_5555_5553, "333333333.3333332"),
            (0x41b3_de43_5555_5554, "333333333.33333325"),
            (0x41b3_de43_5555_5555, "333333333.3333333"),
            (0x41b3_de43_5555_5556, "333333333.3333334"),
            (0x41b3_de43_5555_5557, "333333333.33333343"),
            (0xbecb_f647_612f_3696, "-0.0000033333333333333333"),
            (0x4314_3ff3_c1cb_0959, "1424953923781206.2"),
        ] as [(UInt64, String)]
    )
    func numberSerialisation(bits: UInt64, expected: String) throws {
        let value = Double(bitPattern: bits)
        #expect(String(decoding: try CanonicalJSON.encode(.number(value)), as: UTF8.self) == expected)
    }

    @Test(arguments: [0x7fff_ffff_ffff_ffff, 0x7ff0_0000_0000_0000, 0xfff0_0000_0000_0000] as [UInt64])
    func nonFiniteNumbersAreErrors(bits: UInt64) {
        #expect(throws: JSONError.self) { try CanonicalJSON.encode(.number(Double(bitPattern: bits))) }
    }

    /// RFC 8785 §3.2.2: the example with every kind of value.
    @Test func rfcMainExample() throws {
        let input = #"""
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """#
        let expected =
            #"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        let value = try JSONParser().parse(input)
        #expect(String(decoding: try CanonicalJSON.encode(value), as: UTF8.self) == expected)
        #expect(CanonicalJSON.isCanonical(Array(expected.utf8)))
        #expect(!CanonicalJSON.isCanonical(Array(input.utf8)))
    }

    /// RFC 8785 §3.2.3: members sort by UTF-16 code units, so U+1F600 (a surrogate pair
    /// starting 0xD83D) sorts before U+FB33.
    @Test func rfcSortingExample() throws {
        let input = #"""
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """#
        let encoded = String(decoding: try CanonicalJSON.encode(try JSONParser().parse(input)), as: UTF8.self)
        let expectedOrder = ["\\r", "1", "\u{80}", "\u{f6}", "\u{20ac}", "\u{1F600}", "\u{fb33}"]
        var cursor = encoded.startIndex
        for name in expectedOrder {
            let range = try #require(encoded.range(of: "\"\(name)\":", range: cursor..<encoded.endIndex))
            cursor = range.upperBound
        }
    }

    @Test func controlCharactersAndSpecialsEscape() throws {
        let value = JSONValue.string("\u{0}\u{1f}\u{7f}\u{2028}\t\u{8}\u{c}/é")
        let encoded = String(decoding: try CanonicalJSON.encode(value), as: UTF8.self)
        #expect(encoded == "\"\\u0000\\u001f\u{7f}\u{2028}\\t\\b\\f/é\"")
    }

    @Test func numbersRoundTripThroughTheirCanonicalText() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let value = Double(bitPattern: generator.next() & 0x7fef_ffff_ffff_ffff)
            let text = ECMAScriptNumber.format(value)
            #expect(Double(text) == value, "\(text)")
        }
        for value in [1.0, 10, 100, 1e20, 1e21, 123e-20, 0.1, 0.5, 1.5e-7, 1e-6, 12345678.9] {
            #expect(Double(ECMAScriptNumber.format(value)) == value)
        }
        #expect(ECMAScriptNumber.format(1e20) == "100000000000000000000")
        #expect(ECMAScriptNumber.format(1e-7) == "1e-7")
        #expect(ECMAScriptNumber.format(1.5) == "1.5")
        #expect(ECMAScriptNumber.format(-42) == "-42")
    }
}
