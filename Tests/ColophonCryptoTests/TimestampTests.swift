import ColophonCrypto
import Foundation
import Testing

/// RFC 3161 requests and responses against a throwaway `openssl ts` authority
/// (Tools/test_tsa.py), with the signature check that OpenSSL 3.0 leaves off by default.
@Suite struct TimestampTests {
    static let tool = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Tools/test_tsa.py").standardized.path

    /// A TSA in a temporary folder: its root certificate, and a function answering requests.
    static func authority(_ folder: TemporaryDirectory) throws -> (root: String, answer: ([UInt8]) throws -> [UInt8]) {
        try python(["setup", folder.url.path])
        let root = try String(contentsOf: folder.url.appendingPathComponent("root.pem"), encoding: .utf8)
        return (
            root,
            { request in
                let query = folder.url.appendingPathComponent("q-\(UUID().uuidString).tsq")
                let response = folder.url.appendingPathComponent("r-\(UUID().uuidString).tsr")
                try Data(request).write(to: query)
                try python(["reply", folder.url.path, query.path, response.path])
                return Array(try Data(contentsOf: response))
            }
        )
    }

    static func python(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", tool] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    @Test func aTokenVerifiesAgainstItsRequestAndRoot() throws {
        let folder = try TemporaryDirectory()
        let (root, answer) = try Self.authority(folder)
        let request = try TimestampRequest.make(sha256: SHA256.hash(utf8: "a checkpoint"))
        let response = try answer(request)
        let time = try TimestampVerifier.verify(response: response, request: request, roots: root)
        #expect(time.hasSuffix("GMT"), "\(time)")
        // A stored token checks against the data's digest alone.
        let stored = try TimestampVerifier.verify(
            response: response,
            sha256: SHA256.hash(utf8: "a checkpoint"),
            roots: root
        )
        #expect(stored == time)
        #expect(throws: CryptoError.self) {
            try TimestampVerifier.verify(response: response, sha256: SHA256.hash(utf8: "other"), roots: root)
        }
        #expect(TimestampVerifier.certificateCount(root) == 1 && TimestampVerifier.certificateCount("junk") == 0)
        // The request is what `openssl ts` reads too.
        let query = folder.url.appendingPathComponent("mine.tsq")
        try Data(request).write(to: query)
        let printed = try OpenSSLCommand.run(["ts", "-query", "-in", query.path, "-text"])
        #expect(
            printed.output.contains("Hash Algorithm: sha256") && printed.output.contains("Certificate required: yes")
        )
    }

    @Test func wrongRootsRequestsAndBytesAreRefused() throws {
        let folder = try TemporaryDirectory()
        let other = try TemporaryDirectory()
        let (root, answer) = try Self.authority(folder)
        let (otherRoot, _) = try Self.authority(other)
        let request = try TimestampRequest.make(sha256: SHA256.hash(utf8: "a checkpoint"))
        let response = try answer(request)
        // Signed by a TSA we do not trust.
        #expect(throws: CryptoError.self) {
            try TimestampVerifier.verify(response: response, request: request, roots: otherRoot)
        }
        // The answer to another request (other imprint, other nonce).
        let otherRequest = try TimestampRequest.make(sha256: SHA256.hash(utf8: "another checkpoint"))
        #expect(throws: CryptoError.self) {
            try TimestampVerifier.verify(response: response, request: otherRequest, roots: root)
        }
        // The signature, which ends the response (SignerInfo comes last), changed in one byte.
        var tampered = response
        tampered[tampered.count - 10] ^= 1
        #expect(throws: CryptoError.self) {
            try TimestampVerifier.verify(response: tampered, request: request, roots: root)
        }
        #expect(throws: CryptoError.self) {
            try TimestampVerifier.verify(response: [0x30, 0x03, 0x02], request: request, roots: root)
        }
        #expect(throws: CryptoError.self) {
            try TimestampVerifier.verify(response: response, request: request, roots: "")
        }
    }
}
