import ColophonCrypto
import ColophonMedia
import ColophonRecords
import Testing

/// COSE_Sign1 as C2PA uses it: ES256 (raw r‖s) and EdDSA over a detached claim.
@Suite struct COSESign1Tests {
    static let claim = CBOR.map(["instanceID": .text("xmp:iid:1"), "signature": .text("self#jumbf=c2pa.signature")])
        .encoded
    static let chain: [[UInt8]] = [[0x30, 0x03, 0x02, 0x01, 0x01], [0x30, 0x03, 0x02, 0x01, 0x02]]

    @Test(arguments: [SignatureAlgorithm.ed25519, SignatureAlgorithm.ecdsaP256SHA256])
    func signsAndVerifiesTheDetachedClaim(algorithm: SignatureAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        let signed = try COSESign1.sign(payload: Self.claim, key: key, chain: Self.chain)
        let read = try COSESign1(decoding: signed.encoded)
        #expect(read == signed)
        #expect(Array(signed.encoded.prefix(2)) == [0xD2, 0x84])  // tag 18, array of four
        #expect(read.algorithm == (algorithm == .ed25519 ? .eddsa : .es256))
        #expect(read.chain == Self.chain)
        #expect(read.signature.count == 64)
        try read.verify(payload: Self.claim, key: key.verifyingKey)
        // A changed claim, another key, or a DER-encoded ECDSA signature: refused.
        #expect(throws: MediaError.self) { try read.verify(payload: Self.claim + [0], key: key.verifyingKey) }
        #expect(throws: MediaError.self) {
            try read.verify(payload: Self.claim, key: try SigningKey.generate(algorithm).verifyingKey)
        }
        let other: SignatureAlgorithm = algorithm == .ed25519 ? .ecdsaP256SHA256 : .ed25519
        #expect(throws: MediaError.self) {
            try read.verify(payload: Self.claim, key: try SigningKey.generate(other).verifyingKey)
        }
    }

    @Test func theProtectedHeaderIsWhatC2PAToolsWrite() throws {
        let signed = try COSESign1.sign(
            payload: Self.claim,
            key: try SigningKey.generate(.ecdsaP256SHA256),
            chain: Self.chain
        )
        // {1: -7, 33: [cert, cert]}
        #expect(Array(signed.protectedHeader.prefix(5)) == [0xA2, 0x01, 0x26, 0x18, 0x21])
        let single = try COSESign1.sign(
            payload: Self.claim,
            key: try SigningKey.generate(.ed25519),
            chain: [Self.chain[0]]
        )
        #expect(single.chain == [Self.chain[0]])
        #expect(Array(single.protectedHeader.prefix(3)) == [0xA2, 0x01, 0x27])
    }

    @Test func wrongAlgorithmsAndShapesAreRefused() throws {
        let key = try SigningKey.generate(.ecdsaP256SHA256)
        var signed = try COSESign1.sign(payload: Self.claim, key: key, chain: Self.chain)
        // ES384 (-35) in the header.
        signed.protectedHeader = CBOR.map([.init(.int(1), .int(-35))]).encoded
        #expect { try signed.verify(payload: Self.claim, key: key.verifyingKey) } throws: { error in
            (error as? MediaError)?.reason.contains("-35") == true
        }
        // A DER signature where C2PA wants r‖s.
        var der = try COSESign1.sign(payload: Self.claim, key: key, chain: Self.chain)
        der.signature = [0x30, 0x44] + [UInt8](repeating: 1, count: 68)
        #expect { try der.verify(payload: Self.claim, key: key.verifyingKey) } throws: { error in
            (error as? MediaError)?.reason.contains("r‖s") == true
        }
        let shapes: [CBOR] = [
            .tagged(17, .array([.bytes([]), .map([]), .null, .bytes([])])),
            .tagged(18, .array([.bytes([]), .map([]), .null])),
            .tagged(18, .array([.text(""), .map([]), .null, .bytes([])])),
            .tagged(18, .array([.bytes([]), .array([]), .null, .bytes([])])),
            .tagged(18, .array([.bytes([]), .map([]), .bytes([1]), .bytes([])])),
            .tagged(18, .array([.bytes([]), .map([]), .null, .text("")])),
        ]
        for shape in shapes {
            #expect(throws: MediaError.self, "\(shape)") { try COSESign1(decoding: shape.encoded) }
        }
        #expect(throws: MediaError.self) { try COSESign1(decoding: [0xD2, 0x84, 0x5F]) }
    }
}
