import ColophonCrypto
import Foundation
import Testing

@testable import ColophonRecords

@Suite struct EnvelopeTests {
    func statement() throws -> Statement {
        try Statement(
            subjects: [Subject(name: "out.png", sha256: PredicateExamples.hexC)],
            predicate: PredicateExamples.generation
        )
    }

    @Test func paeMatchesTheDSSESpecExample() {
        // DSSE protocol.md: PAE("http://example.com/HelloWorld", "hello world").
        let pae = Envelope.pae(payloadType: "http://example.com/HelloWorld", payload: Array("hello world".utf8))
        #expect(String(decoding: pae, as: UTF8.self) == "DSSEv1 29 http://example.com/HelloWorld 11 hello world")
    }

    @Test func signVerifyAndRecordID() throws {
        let key = try SigningKey.generate(.ed25519)
        let statement = try statement()
        let envelope = try Envelope.sign(statement, with: key)
        #expect(envelope.payloadType == Envelope.inTotoPayloadType)
        #expect(envelope.recordID == RecordID(payload: try statement.canonicalBytes()))
        #expect(envelope.signatures.count == 1)
        #expect(envelope.signatures[0].keyID == key.verifyingKey.keyID)
        #expect(envelope.verifies(envelope.signatures[0], with: key.verifyingKey))
        #expect(try envelope.statement() == statement)

        let other = try SigningKey.generate(.ed25519)
        #expect(!envelope.verifies(envelope.signatures[0], with: other.verifyingKey))

        var tampered = envelope
        tampered.payload[10] ^= 1
        #expect(!tampered.verifies(tampered.signatures[0], with: key.verifyingKey))
        var retyped = envelope
        retyped.payloadType = "application/json"
        #expect(!retyped.verifies(retyped.signatures[0], with: key.verifyingKey))
    }

    @Test func sameStatementSameIDAndCosignatures() throws {
        let first = try SigningKey.generate(.ed25519)
        let second = try SigningKey.generate(.ecdsaP256SHA256)
        var envelope = try Envelope.sign(try statement(), with: first)
        let again = try Envelope.sign(try statement(), with: second)
        #expect(envelope.recordID == again.recordID)
        try envelope.addSignature(with: second)
        try envelope.addSignature(with: second)
        #expect(envelope.signatures.count == 2)
        #expect(envelope.verifies(envelope.signatures[1], with: second.verifyingKey))
    }

    @Test func jsonRoundTripIsCanonical() throws {
        let envelope = try Envelope.sign(try statement(), with: try SigningKey.generate(.ed25519))
        let bytes = try envelope.canonicalBytes()
        #expect(CanonicalJSON.isCanonical(bytes))
        let parsed = try Envelope(jsonBytes: bytes)
        #expect(parsed == envelope)
        let pretty = try JSONSerialization.data(
            withJSONObject: try JSONSerialization.jsonObject(with: Data(bytes)),
            options: [.prettyPrinted]
        )
        #expect(try Envelope(jsonBytes: pretty) == envelope)
    }

    @Test func urlSafeBase64IsAccepted() throws {
        let envelope = try Envelope.sign(try statement(), with: try SigningKey.generate(.ed25519))
        let standard = Base64.encode(envelope.payload)
        let urlSafe = standard.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        #expect(Base64.decode(urlSafe) == envelope.payload)
    }

    static let malformedEnvelopes: [(String, String)] = [
        ("[]", "not a JSON object"),
        (#"{"payload":"e30=","payloadType":"x"}"#, "signatures must be a non-empty array"),
        (#"{"payload":"e30=","payloadType":"x","signatures":[]}"#, "signatures must be a non-empty array"),
        (#"{"payload":"@@@@","payloadType":"x","signatures":[{"sig":"AA=="}]}"#, "payload is not valid Base64"),
        (#"{"payload":"e30=","payloadType":"","signatures":[{"sig":"AA=="}]}"#, "payloadType"),
        (#"{"payload":"e30=","payloadType":"x","signatures":[{"sig":"not base64!"}]}"#, "sig must be non-empty Base64"),
        (#"{"payload":"e30=","payloadType":"x","signatures":[{"keyid":5,"sig":"AA=="}]}"#, "keyid must be a string"),
        (#"{"payload":"e30=","payloadType":"x","signatures":[{"sig":"AA==","cert":"x"}]}"#, "unknown member \"cert\""),
        (#"{"payload":"e30=","payloadType":"x","signatures":[{"sig":"AA=="}],"extra":1}"#, "unknown envelope member"),
        (
            #"{"payload":"e30=","payload":"e30=","payloadType":"x","signatures":[{"sig":"AA=="}]}"#,
            "duplicate member name"
        ),
        (#"{"payload":"e30=","payloadType":"x","signatures":[{"sig":"AA=="}]"#, "unterminated object"),
    ]

    @Test(arguments: malformedEnvelopes)
    func malformedEnvelopesAreRejected(json: String, reason: String) {
        #expect { try Envelope(jsonBytes: Array(json.utf8)) } throws: { "\($0)".contains(reason) }
    }

    @Test func nonCanonicalPayloadIsRejected() throws {
        let key = try SigningKey.generate(.ed25519)
        let canonical = try statement().canonicalBytes()
        let spaced = Array(String(decoding: canonical, as: UTF8.self).replacingOccurrences(of: ",", with: ", ").utf8)
        var envelope = Envelope(payloadType: Envelope.inTotoPayloadType, payload: spaced, signatures: [])
        try envelope.addSignature(with: key)
        #expect(envelope.verifies(envelope.signatures[0], with: key.verifyingKey))
        #expect { try envelope.statement() } throws: { ($0 as? RecordError)?.code == .notCanonical }
    }

    @Test func wrongPayloadTypeIsRejected() throws {
        let envelope = Envelope(payloadType: "text/plain", payload: try statement().canonicalBytes(), signatures: [])
        #expect { try envelope.statement() } throws: { ($0 as? RecordError)?.code == .notAnEnvelope }
    }

    @Test func oversizedRecordsAreRejected() throws {
        var generation = PredicateExamples.generation
        generation.prompt = .clear(String(repeating: "x", count: 16_000))
        generation.negativePrompt = .clear(String(repeating: "y", count: 16_000))
        var parameters = GenerationPredicate.Parameters()
        parameters.other = Dictionary(
            uniqueKeysWithValues: (0..<400).map { ("k\($0)", JSONValue.string(String(repeating: "z", count: 100))) }
        )
        generation.parameters = parameters
        let statement = try Statement(
            subjects: [Subject(name: "x", sha256: PredicateExamples.hexA)],
            predicate: generation
        )
        let bytes = try statement.canonicalBytes()
        #expect(bytes.count > Statement.maxBytes)
        #expect { try Statement(bytes: bytes) } throws: { ($0 as? RecordError)?.code == .tooLarge }
        let huge = [UInt8](repeating: 0x20, count: Envelope.maxInputBytes + 1)
        #expect { try Envelope(jsonBytes: huge) } throws: { ($0 as? RecordError)?.code == .tooLarge }
    }

    static let badStatements: [(String, String)] = [
        (
            #"{"_type":"https://in-toto.io/Statement/v0.1","subject":[{"digest":{"sha256":"aa"}}],"predicateType":"x:y"}"#,
            "_type"
        ),
        (
            #"{"_type":"https://in-toto.io/Statement/v1","subject":[],"predicateType":"x:y"}"#,
            "subject must be a non-empty array"
        ),
        (
            #"{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"a"}],"predicateType":"x:y"}"#,
            "non-empty digest"
        ),
        (
            #"{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha256":"AB"}}],"predicateType":"x:y"}"#,
            "64 lower-case hex"
        ),
        (
            #"{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha1":"x"}}],"predicateType":"no uri"}"#,
            "40 lower-case hex"
        ),
        (
            #"{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"custom":"x"}}],"predicateType":"not a uri"}"#,
            "predicateType must be a URI"
        ),
        (
            #"{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"custom":"x"}}],"predicateType":"x:y","predicate":[1]}"#,
            "predicate must be an object"
        ),
    ]

    @Test(arguments: badStatements)
    func badStatementsAreRejected(json: String, reason: String) {
        #expect { try Statement(bytes: Array(json.utf8)) } throws: { "\($0)".contains(reason) }
    }

    @Test func recordIDParsing() {
        let hex = PredicateExamples.hexA
        #expect(RecordID("sha256:" + hex)?.description == "sha256:" + hex)
        #expect(RecordID(hex)?.description == "sha256:" + hex)
        #expect(RecordID("sha256:" + hex.dropLast()) == nil)
        #expect(RecordID("sha512:" + hex) == nil)
    }

    @Test func base64RejectsAmbiguousText() {
        #expect(Base64.decode("AA==") == [0])
        #expect(Base64.decode("AA") == [0])
        #expect(Base64.decode("AB==") == nil)  // non-zero trailing bits
        #expect(Base64.decode("A") == nil)
        #expect(Base64.decode("A===") == nil)
        #expect(Base64.decode("AA=A") == nil)
        #expect(Base64.decode("AA AA") == nil)
        #expect(Base64.encode(Array("hello world".utf8)) == "aGVsbG8gd29ybGQ=")
        for length in 0..<20 {
            let bytes = (0..<length).map { UInt8($0 * 37 & 0xff) }
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
    }
}

@Suite struct EnvelopeCanonicalFormTests {
    /// The envelope's hand-written canonical writer and the generic RFC 8785 encoder agree.
    @Test func directWriterEqualsGenericEncoder() throws {
        let keys = try [SigningKey.generate(.ed25519), SigningKey.generate(.ecdsaP256SHA256)]
        for payloadLength in [0, 1, 2, 3, 100, 4000] {
            var envelope = Envelope(
                payloadType: "application/vnd.in-toto+json",
                payload: (0..<payloadLength).map { UInt8(truncatingIfNeeded: $0 &* 7) },
                signatures: []
            )
            for key in keys { try envelope.addSignature(with: key) }
            envelope.signatures.append(.init(keyID: "odd \"id\"\n\u{1}é", bytes: [1, 2, 3]))
            #expect(try envelope.canonicalBytes() == CanonicalJSON.encode(envelope.json))
        }
    }
}
