import ColophonCrypto
import Foundation
import Testing

/// Signatures made here verify with the `openssl` command, and the reverse.
@Suite struct CrossVerificationTests {
    @Test func p256SignedHereVerifiesWithOpenSSL() throws {
        let directory = try TemporaryDirectory()
        let key = try P256.PrivateKey()
        let message = Array("a P-256 signed message".utf8)
        try directory.write("message", message)
        try directory.write("signature.der", try key.derSignature(for: message))
        try directory.write("public.pem", Array(try VerifyingKey.p256(key.publicKey).pem().utf8))
        let result = try OpenSSLCommand.run([
            "dgst", "-sha256", "-verify", directory.path("public.pem"), "-signature", directory.path("signature.der"),
            directory.path("message"),
        ])
        #expect(result.status == 0 && result.output.contains("Verified OK"), "\(result.output)")

        let raw = try key.rawSignature(for: message)
        #expect(raw.count == 64)
        #expect(key.publicKey.isValidRawSignature(raw, for: message))
        #expect(!key.publicKey.isValidRawSignature(raw, for: message + [1]))
        #expect(!key.publicKey.isValidRawSignature(Array(raw.dropLast()), for: message))
    }

    @Test func p256SignedByOpenSSLVerifiesHere() throws {
        let directory = try TemporaryDirectory()
        let message = Array("signed by the openssl command".utf8)
        try directory.write("message", message)
        #expect(
            try OpenSSLCommand.run([
                "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", directory.path("key.pem"),
            ]).status == 0
        )
        #expect(
            try OpenSSLCommand.run([
                "pkey", "-in", directory.path("key.pem"), "-pubout", "-out", directory.path("pub.pem"),
            ]).status == 0
        )
        #expect(
            try OpenSSLCommand.run([
                "dgst", "-sha256", "-sign", directory.path("key.pem"), "-out", directory.path("sig"),
                directory.path("message"),
            ]).status == 0
        )
        let publicKey = try VerifyingKey(pem: String(decoding: try directory.read("pub.pem"), as: UTF8.self))
        let signature = try directory.read("sig")
        #expect(publicKey.algorithm == .ecdsaP256SHA256)
        #expect(publicKey.isValidSignature(signature, for: message))
        #expect(!publicKey.isValidSignature(signature, for: Array("another message".utf8)))
        let privateKey = try SigningKey(pem: String(decoding: try directory.read("key.pem"), as: UTF8.self))
        #expect(privateKey.verifyingKey.keyID == publicKey.keyID)
    }

    @Test func ed25519BothWays() throws {
        let directory = try TemporaryDirectory()
        let key = try SigningKey.generate(.ed25519)
        let message = Array("an Ed25519 signed message".utf8)
        try directory.write("message", message)
        try directory.write("sig", try key.signature(for: message))
        try directory.write("pub.pem", Array(try key.verifyingKey.pem().utf8))
        let verified = try OpenSSLCommand.run([
            "pkeyutl", "-verify", "-pubin", "-inkey", directory.path("pub.pem"), "-rawin", "-in",
            directory.path("message"),
            "-sigfile", directory.path("sig"),
        ])
        #expect(
            verified.status == 0 && verified.output.contains("Signature Verified Successfully"),
            "\(verified.output)"
        )

        #expect(
            try OpenSSLCommand.run(["genpkey", "-algorithm", "ED25519", "-out", directory.path("theirs.pem")]).status
                == 0
        )
        #expect(
            try OpenSSLCommand.run([
                "pkeyutl", "-sign", "-inkey", directory.path("theirs.pem"), "-rawin", "-in", directory.path("message"),
                "-out", directory.path("theirs.sig"),
            ]).status == 0
        )
        let theirs = try SigningKey(pem: String(decoding: try directory.read("theirs.pem"), as: UTF8.self))
        #expect(theirs.verifyingKey.isValidSignature(try directory.read("theirs.sig"), for: message))
        // Deterministic: our signature of the same message with their key is byte-identical.
        #expect(try Data(theirs.signature(for: message)) == directory.read("theirs.sig"))
    }
}
