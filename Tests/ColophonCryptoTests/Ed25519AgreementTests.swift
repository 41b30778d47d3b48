import Foundation
import Testing

@testable import ColophonCrypto

/// Ed25519 signatures are checked with BoringSSL (swift-crypto) for speed while everything else
/// uses OpenSSL, and the offline verifiers use OpenSSL too: the two must give the same answer on
/// every signature, including the hostile ones where Ed25519 implementations are known to differ.
@Suite struct Ed25519AgreementTests {
    /// Both answers, and that they agree.
    static func answers(_ key: Ed25519.PublicKey, _ signature: [UInt8], _ message: [UInt8]) -> Bool {
        let fast = key.isValidSignature(signature, for: message)
        let openSSL = key.isValidSignatureByOpenSSL(signature, for: message)
        #expect(fast == openSSL, "signature \(Hex.encode(signature)) by \(Hex.encode(key.rawRepresentation))")
        return fast
    }

    /// The group order L, little-endian.
    static let order: [UInt8] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
    ]

    static func adding(_ left: ArraySlice<UInt8>, _ right: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var carry = 0
        for (a, b) in zip(left, right) {
            let sum = Int(a) + Int(b) + carry
            out.append(UInt8(sum & 0xff))
            carry = sum >> 8
        }
        return out
    }

    @Test func validAndTamperedSignaturesGetTheSameAnswer() throws {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<64 {
            let key = try Ed25519.PrivateKey()
            let message = (0..<(round * 7)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let signature = try key.signature(for: message)
            #expect(Self.answers(key.publicKey, signature, message))
            var flipped = signature
            flipped[Int.random(in: 0..<64)] ^= 1 << UInt8.random(in: 0..<8)
            #expect(!Self.answers(key.publicKey, flipped, message))
            #expect(!Self.answers(key.publicKey, signature, message + [0]))
            // S + L is the same scalar but not the canonical encoding: both refuse it.
            let malleable = Array(signature[..<32]) + Self.adding(signature[32...], Self.order)
            #expect(!Self.answers(key.publicKey, malleable, message))
            #expect(!Self.answers(key.publicKey, Array(signature.prefix(63)), message))
        }
    }

    /// Small-order and non-canonically encoded public keys, with the signature (R = identity,
    /// S = 0) that the cofactorless check accepts for an identity key: whatever the answer, both
    /// implementations must give it.
    @Test(arguments: [
        "0100000000000000000000000000000000000000000000000000000000000000",  // identity
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // order 2
        "0000000000000000000000000000000000000000000000000000000000000080",  // -0, order 4
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // y = p + 1: identity
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",  // order 8
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",  // order 8
    ])
    func smallOrderAndNonCanonicalKeysGetTheSameAnswer(hex: String) throws {
        let key = try Ed25519.PublicKey(rawRepresentation: try #require(Hex.decode(hex)))
        let identity = try #require(Hex.decode("01" + String(repeating: "0", count: 62)))
        for message in [[UInt8](), Array("colophon".utf8)] {
            _ = Self.answers(key, identity + [UInt8](repeating: 0, count: 32), message)
            _ = Self.answers(key, [UInt8](repeating: 0, count: 64), message)
        }
    }
}
