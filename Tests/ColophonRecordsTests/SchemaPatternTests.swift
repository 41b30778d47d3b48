import Foundation
import Testing

@testable import ColophonRecords

@Suite struct SchemaPatternTests {
    static let cases: [(pattern: String, text: String, matches: Bool)] = [
        ("^sha256:[0-9a-f]{64}$", "sha256:" + String(repeating: "a", count: 64), true),
        ("^sha256:[0-9a-f]{64}$", "sha256:" + String(repeating: "a", count: 63), false),
        ("^sha256:[0-9a-f]{64}$", "sha256:" + String(repeating: "A", count: 64), false),
        ("^sha256:[0-9a-f]{64}$", "xsha256:" + String(repeating: "a", count: 64), false),
        ("^[0-9a-f]{8}$", "be9edd61", true),
        ("^[0-9a-f]{8}$", "be9edd612", false),
        ("^(init_image|mask|reference|ip_adapter|controlnet:[a-z0-9_.-]+)$", "controlnet:canny", true),
        ("^(init_image|mask|reference|ip_adapter|controlnet:[a-z0-9_.-]+)$", "controlnet:", false),
        ("^(init_image|mask|reference|ip_adapter|controlnet:[a-z0-9_.-]+)$", "mask", true),
        ("^(init_image|mask|reference|ip_adapter|controlnet:[a-z0-9_.-]+)$", "masks", false),
        (
            "^http://cv\\.iptc\\.org/newscodes/digitalsourcetype/[A-Za-z]+$",
            "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia", true
        ),
        (
            "^http://cv\\.iptc\\.org/newscodes/digitalsourcetype/[A-Za-z]+$",
            "http://cvXiptc.org/newscodes/digitalsourcetype/x", false
        ),
        ("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", "studio-1", true),
        ("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", "-studio", false),
        (
            "^-----BEGIN PUBLIC KEY-----\\n[A-Za-z0-9+/=\\n]+-----END PUBLIC KEY-----\\n?$",
            "-----BEGIN PUBLIC KEY-----\nMCow=\n-----END PUBLIC KEY-----\n", true
        ),
        (
            "^-----BEGIN PUBLIC KEY-----\\n[A-Za-z0-9+/=\\n]+-----END PUBLIC KEY-----\\n?$",
            "-----BEGIN PUBLIC KEY-----\nMC ow\n-----END PUBLIC KEY-----", false
        ),
        ("ab*c", "xxacxx", true),
        ("ab+c", "xxacxx", false),
        ("a(bc)*d", "abcbcd", true),
        ("a(bc)*d", "abcbd", false),
        ("(a|ab)(c|bcd)(d*)", "abcd", true),
        ("^\\d{2,3}$", "12", true),
        ("^\\d{2,3}$", "1234", false),
        ("^\\d{2,}$", "12345", true),
        ("^[^x]+$", "abc", true),
        ("^[^x]+$", "axc", false),
        ("^.$", "é", true),
        ("^\\w+\\s\\w+$", "hello world", true),
        ("colour|color", "the color red", true),
        ("^$", "", true),
        ("^a?$", "", true),
    ]

    @Test(arguments: cases)
    func matchesLikeECMAScript(pattern: String, text: String, matches: Bool) throws {
        #expect(try SchemaPattern(pattern).matches(text) == matches)
        // Swift's own regex engine agrees on every case.
        #expect(try (Regex(pattern).firstMatch(in: text) != nil) == matches)
    }

    @Test(arguments: ["(?:a)", "a{2", "[a-", "(a", "a)", "\\p{L}", "*a", "a+?", "\\1", "[z-a]", "^*"])
    func unsupportedSyntaxIsRefused(pattern: String) {
        #expect(throws: SchemaError.self) { try SchemaPattern(pattern) }
    }

    @Test func agreesWithSwiftRegexOnRandomInputs() throws {
        let patterns = ["^sha256:[0-9a-f]{4}$", "^(ab|a)(c|bc)$", "^[a-c]*b[a-c]{0,2}$", "x+y?z"]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcxyz:sha256019f")
        for pattern in patterns {
            let ours = try SchemaPattern(pattern)
            let theirs = try Regex(pattern)
            for _ in 0..<500 {
                let text = String(
                    (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                        alphabet.randomElement(using: &generator)!
                    }
                )
                #expect(ours.matches(text) == (try theirs.firstMatch(in: text) != nil), "\(pattern) on \(text)")
            }
        }
    }
}
