import ColophonCrypto
import Foundation
import Testing

@Suite struct SHA256Tests {
    /// FIPS 180-4 / NIST CSRC example values.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ])
    func knownAnswers(message: String, expected: String) {
        #expect(SHA256.hash(utf8: message).hex == expected)
        #expect(SHA256.hash(Array(message.utf8)).hex == expected)
    }

    @Test func millionAs() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hash(message).hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func streamingEqualsOneShotInOddChunks() {
        var generator = SystemRandomNumberGenerator()
        let data = (0..<1_048_583).map { _ in UInt8.random(in: 0...255, using: &generator) }
        var hasher = SHA256Hasher()
        var offset = 0
        var step = 1
        while offset < data.count {
            let end = min(data.count, offset + step)
            hasher.update(Array(data[offset..<end]))
            offset = end
            step = step * 3 + 1
        }
        #expect(hasher.finalize() == SHA256.hash(data))
    }

    @Test func fileHashStreamsAndMatches() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("colophon-sha-\(UUID()).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let data = Data((0..<(3 * SHA256.fileChunkSize + 17)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try data.write(to: URL(fileURLWithPath: path))
        #expect(try SHA256.hash(fileAt: path) == SHA256.hash(data))
    }

    @Test func missingFileIsAnIOError() {
        #expect {
            try SHA256.hash(fileAt: "/nonexistent/colophon/model.safetensors")
        } throws: { error in
            (error as? CryptoError)?.code == .io && "\(error)".contains("/nonexistent/colophon/model.safetensors")
        }
    }

    @Test func contextHashesNodesLikeOneShot() {
        let context = SHA256Context()
        let left = SHA256.hash(utf8: "left")
        let right = SHA256.hash(utf8: "right")
        let node = context.hash(prefix: 1, left, right)
        #expect(node == SHA256.hash([1] + left.bytes + right.bytes))
        // RFC 6962: the hash of the empty tree and of an empty leaf.
        #expect(context.hash(prefix: nil).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(context.hash(prefix: 0).hex == "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")
    }

    @Test func digestHexRoundTripAndRejects() throws {
        let digest = SHA256.hash(utf8: "abc")
        #expect(SHA256Digest(hex: digest.hex) == digest)
        #expect(SHA256Digest(hex: digest.hex.uppercased()) == digest)
        #expect(SHA256Digest(hex: String(digest.hex.dropLast())) == nil)
        #expect(SHA256Digest(hex: String(digest.hex.dropLast()) + "g") == nil)
        #expect(SHA256Digest(bytes: [UInt8](repeating: 0, count: 31)) == nil)
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("0aFF") == [0x0a, 0xff])
    }

    @Test func constantTimeEquality() {
        #expect(ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2, 3] as [UInt8]))
        #expect(!ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2, 4] as [UInt8]))
        #expect(!ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2] as [UInt8]))
        #expect(ConstantTime.equals([] as [UInt8], [] as [UInt8]))
    }
}
