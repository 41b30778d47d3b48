import ColophonCrypto
import ColophonLog
import ColophonRecords
import Testing

@Suite struct NoteTests {
    static let peterVKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    static let peterSKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
    static let peterText =
        "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
    static let peterSignature =
        "\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
    static let enochVKey = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"
    static let enochSignature =
        "\u{2014} EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n"

    /// golang.org/x/mod/sumdb/note: signing is deterministic, so the output is byte-identical.
    @Test func reproducesTheGoNoteVector() throws {
        let signer = try NoteSigner(privateKeyText: Self.peterSKey)
        #expect(signer.verifier.vkey == Self.peterVKey)
        #expect(signer.privateKeyText == Self.peterSKey)
        var note = SignedNote(text: Self.peterText)
        try note.sign(with: signer)
        #expect(note.serialized == Self.peterText + "\n" + Self.peterSignature)
    }

    @Test func enochRootIsTheZeroSeedKey() throws {
        let signer = try NoteSigner(
            name: "EnochRoot",
            key: Ed25519.PrivateKey(rawRepresentation: [UInt8](repeating: 0, count: 32))
        )
        #expect(signer.verifier.vkey == Self.enochVKey)
        var note = SignedNote(text: Self.peterText)
        try note.sign(with: signer)
        #expect(note.signatures[0].line == Self.enochSignature)
    }

    @Test func verifiesAndIgnoresUnknownKeys() throws {
        let note = try SignedNote(parsing: Self.peterText + "\n" + Self.peterSignature + Self.enochSignature)
        #expect(note.signatures.count == 2)
        let peter = try NoteVerifier(vkey: Self.peterVKey)
        let enoch = try NoteVerifier(vkey: Self.enochVKey)
        #expect(try note.verify([peter]).map(\.verifier) == [peter])
        #expect(try note.verify([peter, enoch]).count == 2)
        let stranger = try NoteSigner.generate(name: "Stranger").verifier
        #expect { try note.verify([stranger]) } throws: { "\($0)".contains("no signature by a known key") }
    }

    /// The C2SP signed-note spec's own example.
    @Test func c2spExample() throws {
        let verifier = try NoteVerifier(vkey: "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k")
        let note = try SignedNote(
            parsing:
                "This is an example message.\n\n\u{2014} example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n"
        )
        try note.verify([verifier])
    }

    @Test func tamperedSignatureByAKnownKeyRejectsTheNote() throws {
        var line = Self.peterSignature
        let index = line.index(line.startIndex, offsetBy: 60)
        line.insert(contentsOf: "ABCD", at: index)
        let note = try SignedNote(parsing: Self.peterText + "\n" + line)
        #expect { try note.verify([try NoteVerifier(vkey: Self.peterVKey)]) } throws: {
            "\($0)".contains("invalid signature for key PeterNeumann+c74f20a3")
        }
    }

    @Test func everyMutationOfAVKeyIsRejected() throws {
        let vkey = Self.peterVKey
        let bytes = Array(vkey.utf8)
        for length in 0..<bytes.count {
            for start in 0...(bytes.count - length) where length < bytes.count {
                let substring = String(decoding: bytes[start..<(start + length)], as: UTF8.self)
                #expect(throws: LogError.self) { try NoteVerifier(vkey: substring) }
            }
        }
        for index in bytes.indices {
            var mutated = bytes
            mutated[index] &+= 1
            #expect(throws: LogError.self) { try NoteVerifier(vkey: String(decoding: mutated, as: UTF8.self)) }
        }
        #expect(throws: LogError.self) {
            try NoteVerifier(vkey: "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==")
        }
        #expect(throws: LogError.self) {
            try NoteVerifier(vkey: "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
        }
    }

    static let malformedNotes: [String] = [
        "no blank line\n\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
        peterText + "\n",
        peterText + "\n" + String(peterSignature.dropLast()),
        "\u{1}" + peterText + "\n" + peterSignature,
        peterText
            + "\n\u{2014} Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
        peterText + "\n" + peterSignature + "not a signature\n",
        peterText + "\n\u{2014} PeterNeumann !!!notbase64!!!\n",
        peterText + "\n\u{2014} PeterNeumann AAAA\n",
    ]

    @Test(arguments: malformedNotes)
    func malformedNotesAreRejected(note: String) {
        #expect(throws: LogError.self) { try SignedNote(parsing: note) }
    }

    @Test func tooManySignaturesAreRejected() throws {
        let signers = try (0..<101).map { try NoteSigner.generate(name: "k\($0)") }
        var note = SignedNote(text: "text\n")
        for signer in signers { try note.sign(with: signer) }
        #expect { try SignedNote(parsing: note.serialized) } throws: { "\($0)".contains("more than 100") }
    }

    @Test func theSameVerifierListedTwiceIsNotAmbiguous() throws {
        let note = try SignedNote(parsing: Self.peterText + "\n" + Self.peterSignature)
        let real = try NoteVerifier(vkey: Self.peterVKey)
        #expect(try note.verify([real, real]).count == 1)
    }

    /// Sunlight's skylight witness vector: a cosignature/v1 line next to a foreign signature.
    @Test func cosignatureV1Vector() throws {
        let witness = try NoteVerifier(
            vkey: "witness.example.org+b8a2cf20+BFLN3yikSfFkVAJtrnh/CiY3Zozkoy7clp+P7XB28qUN"
        )
        #expect(witness.type == .cosignatureV1)
        let note = try SignedNote(
            parsing: """
                rome2026h1.example.org
                300
                lCkHUpkmVBEms2r2T1K6Og69+wUuuN3MIEW1/ezu2v0=

                \u{2014} rome2026h1.example.org kVB1JgAAAZtxtEwABAMARzBFAiEAi+mTa2xjL1IdWpH82OeciGsGvwRAP+f1WkfKaSZCfFECIHoNPZ/Q3y6UNzvKOO9cuLr6V16vPNfhwhle9f6r5H/Z
                \u{2014} witness.example.org uKLPIAAAAABpVGeAhm2bOvKc3LaB9PFN1ruG19Y5yqslmcAAbhftnn1Zznmo0LXFZq4LGvqKqLX8jWlwLKasxEGTLIqAVusneCBmBw==

                """
        )
        let verified = try note.verify([witness])
        #expect(verified.first?.timestamp == 1_767_139_200)
        // The seed is SHA-256("skylight test witness key"); re-signing reproduces the line.
        let seed = SHA256.hash(utf8: "skylight test witness key").bytes
        let signer = try NoteSigner(
            name: "witness.example.org",
            key: Ed25519.PrivateKey(rawRepresentation: seed),
            type: .cosignatureV1
        )
        #expect(signer.verifier == witness)
        let again = try signer.sign(text: Array(note.text.utf8), timestamp: 1_767_139_200)
        #expect(
            again.line
                == "\u{2014} witness.example.org uKLPIAAAAABpVGeAhm2bOvKc3LaB9PFN1ruG19Y5yqslmcAAbhftnn1Zznmo0LXFZq4LGvqKqLX8jWlwLKasxEGTLIqAVusneCBmBw==\n"
        )
    }

    @Test func privateKeyTextRejectsDamage() {
        #expect(throws: LogError.self) {
            try NoteSigner(privateKeyText: "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr")
        }
        #expect(throws: LogError.self) {
            try NoteSigner(
                privateKeyText: "PRIVATE+KEY+PeterNeumann+00000000+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
            )
        }
        #expect(throws: LogError.self) {
            try NoteSigner(
                privateKeyText: "PUBLIC+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
            )
        }
    }
}
