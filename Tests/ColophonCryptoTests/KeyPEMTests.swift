import ColophonCrypto
import Foundation
import Testing

@Suite struct KeyPEMTests {
    @Test(arguments: SignatureAlgorithm.allCases)
    func plainPEMRoundTrip(algorithm: SignatureAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        let pem = try key.pem()
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let loaded = try SigningKey(pem: pem)
        #expect(loaded.algorithm == algorithm)
        #expect(loaded.verifyingKey.keyID == key.verifyingKey.keyID)
        let message = Array("colophon".utf8)
        #expect(key.verifyingKey.isValidSignature(try loaded.signature(for: message), for: message))
    }

    @Test(arguments: SignatureAlgorithm.allCases)
    func encryptedPEMRoundTrip(algorithm: SignatureAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        let pem = try key.pem(passphrase: "correct horse")
        #expect(pem.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        let loaded = try SigningKey(pem: pem, passphrase: "correct horse")
        #expect(loaded.verifyingKey.keyID == key.verifyingKey.keyID)
        #expect { try SigningKey(pem: pem, passphrase: "wrong") } throws: { ($0 as? CryptoError)?.code == .passphrase }
        #expect { try SigningKey(pem: pem) } throws: { ($0 as? CryptoError)?.code == .passphrase }
    }

    @Test func publicPEMAndKeyID() throws {
        let key = try SigningKey.generate(.ed25519)
        let pem = try key.verifyingKey.pem()
        #expect(pem.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        let loaded = try VerifyingKey(pem: pem)
        #expect(loaded.keyID == key.verifyingKey.keyID)
        #expect(loaded.subjectPublicKeyInfoDER.count == 44)
        #expect(loaded.keyID == SHA256.hash(loaded.subjectPublicKeyInfoDER).hex)
        let fromDER = try VerifyingKey(subjectPublicKeyInfoDER: loaded.subjectPublicKeyInfoDER)
        #expect(fromDER.keyID == loaded.keyID)
    }

    @Test func keyIDMatchesOpenSSLsDER() throws {
        let directory = try TemporaryDirectory()
        let key = try SigningKey.generate(.ed25519)
        try directory.write("key.pem", Array(try key.pem().utf8))
        let result = try OpenSSLCommand.run([
            "pkey", "-in", directory.path("key.pem"), "-pubout", "-outform", "DER", "-out", directory.path("pub.der"),
        ])
        #expect(result.status == 0, "\(result.output)")
        #expect(SHA256.hash(try directory.read("pub.der")).hex == key.verifyingKey.keyID)
    }

    static let malformed: [(String, CryptoError.Code)] = [
        ("", .invalidKey),
        ("not a pem at all", .invalidKey),
        ("-----BEGIN PRIVATE KEY-----\n!!!!not base64!!!!\n-----END PRIVATE KEY-----\n", .invalidKey),
        ("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI\n-----END PRIVATE KEY-----\n", .invalidKey),
        (
            "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n",
            .invalidKey
        ),
    ]

    @Test(arguments: malformed)
    func malformedPrivatePEMIsRejected(pem: String, code: CryptoError.Code) {
        #expect { try SigningKey(pem: pem) } throws: { ($0 as? CryptoError)?.code == code }
    }

    @Test func truncatedPEMIsRejected() throws {
        let pem = try SigningKey.generate(.ed25519).pem()
        for length in [10, pem.count / 2, pem.count - 30] {
            let truncated = String(pem.prefix(length))
            #expect(throws: CryptoError.self) { try SigningKey(pem: truncated) }
        }
        let publicPEM = try SigningKey.generate(.ecdsaP256SHA256).verifyingKey.pem()
        #expect(throws: CryptoError.self) { try VerifyingKey(pem: String(publicPEM.prefix(publicPEM.count / 2))) }
        #expect(throws: CryptoError.self) {
            try VerifyingKey(pem: "-----BEGIN PUBLIC KEY-----\n@@@\n-----END PUBLIC KEY-----")
        }
        #expect(throws: CryptoError.self) { try VerifyingKey(subjectPublicKeyInfoDER: [0x30, 0x03, 0x02, 0x01]) }
    }

    @Test func wrongKeyTypesAreRejected() throws {
        let directory = try TemporaryDirectory()
        for (name, arguments) in [
            ("rsa", ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"]),
            ("x25519", ["-algorithm", "X25519"]),
            ("p384", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"]),
        ] {
            let path = directory.path("\(name).pem")
            let result = try OpenSSLCommand.run(["genpkey"] + arguments + ["-out", path])
            #expect(result.status == 0, "\(result.output)")
            let pem = String(decoding: try directory.read("\(name).pem"), as: UTF8.self)
            #expect { try SigningKey(pem: pem) } throws: { ($0 as? CryptoError)?.code == .wrongKeyType }
            let publicResult = try OpenSSLCommand.run([
                "pkey", "-in", path, "-pubout", "-out", directory.path("\(name).pub"),
            ])
            #expect(publicResult.status == 0)
            let publicPEM = String(decoding: try directory.read("\(name).pub"), as: UTF8.self)
            #expect { try VerifyingKey(pem: publicPEM) } throws: { ($0 as? CryptoError)?.code == .wrongKeyType }
        }
    }

    @Test func openSSLReadsOurEncryptedKey() throws {
        let directory = try TemporaryDirectory()
        let key = try SigningKey.generate(.ecdsaP256SHA256)
        try directory.write("key.pem", Array(try key.pem(passphrase: "s3cret").utf8))
        let result = try OpenSSLCommand.run([
            "pkey", "-in", directory.path("key.pem"), "-passin", "pass:s3cret", "-pubout", "-outform", "DER",
            "-out", directory.path("pub.der"),
        ])
        #expect(result.status == 0, "\(result.output)")
        #expect(SHA256.hash(try directory.read("pub.der")).hex == key.verifyingKey.keyID)
    }
}
