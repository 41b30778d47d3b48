import ColophonCrypto
import ColophonLog
import ColophonRecords
import Foundation
import Testing

@Suite struct TlogProofTests {
    static let expectedProof = """
        c2sp.org/tlog-proof@v1
        index 3
        Zx8UbF5HHooag6PCFM5LqQe486WIjRTMjNPOdbsS75Q=
        T1X2GdkhUjV3iyufF9b0kVsWFxIU0VI4EpNml2Teci4=
        g0ZoeYWtIV8Q8i+4CmgqPnBvH2il107lyCgTQsyB7H4=
        5jLpqTgjsBDSEX6SgZiRnbTMdTuRd8bQ5tSsAOxe0Ks=

        example.com/log/testdata
        15
        rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=

        \u{2014} example.com/log/testdata M9e0luh4jTG+UMBqOUo9/q+yAEvx1ilBEniMvjf1zfcBOhg+CKubMt53MvIt/uEWP6zdkdIQzd/fmwlM/dlPWF74ewI=

        """

    func tessera() throws -> (MemoryLog, NoteSigner, String) {
        let signer = try NoteSigner(privateKeyText: TesseraLogTests.privateKey)
        var log = MemoryLog()
        for entry in TesseraLogTests.entries { log.append(Array(entry.utf8)) }
        let note = try Checkpoint(origin: "example.com/log/testdata", size: 15, root: log.root).signedNote(by: signer)
        return (log, signer, note.serialized)
    }

    @Test func writesTheSpecExampleAndVerifiesIt() throws {
        let (log, signer, note) = try tessera()
        let path = try ProofPlan.inclusion(index: 3, size: 15).assemble(log.nodes, hasher: MerkleHasher())
        let proof = TlogProof(index: 3, path: path, checkpointNote: note)
        #expect(proof.text == Self.expectedProof)
        let parsed = try TlogProof(parsing: Self.expectedProof)
        #expect(parsed == proof)
        let checkpoint = try parsed.verify(entry: Array("four".utf8), policy: TlogPolicy(log: signer.verifier))
        #expect(checkpoint.size == 15)
        #expect { try parsed.verify(entry: Array("five".utf8), policy: TlogPolicy(log: signer.verifier)) } throws: {
            ($0 as? LogError)?.code == .invalidProof
        }
        let stranger = try NoteSigner.generate(name: "example.com/log/testdata").verifier
        #expect { try parsed.verify(entry: Array("four".utf8), policy: TlogPolicy(log: stranger)) } throws: {
            ($0 as? LogError)?.code == .invalidSignature
        }
    }

    @Test func extraLineRoundTrips() throws {
        let proof = TlogProof(extra: [1, 2, 3], index: 0, path: [], checkpointNote: "x\n\n\u{2014} k AAAAAAA=\n")
        #expect(try TlogProof(parsing: proof.text) == proof)
    }

    static let malformed: [String] = [
        "",
        "c2sp.org/tlog-proof@v2\nindex 1\n\nnote",
        "c2sp.org/tlog-proof@v1\nindex -1\n\nnote",
        "c2sp.org/tlog-proof@v1\nindex 01\n\nnote",
        "c2sp.org/tlog-proof@v1\nextra !!!\nindex 1\n\nnote",
        "c2sp.org/tlog-proof@v1\nindex 1\nnotbase64!\n\nnote",
        "c2sp.org/tlog-proof@v1\nindex 1\nAAAA\n\nnote",
        "c2sp.org/tlog-proof@v1\nindex 1\n",
        "c2sp.org/tlog-proof@v1\nindex 1",
    ]

    @Test(arguments: malformed)
    func malformedProofFilesAreRejected(text: String) {
        #expect { try TlogProof(parsing: text) } throws: { ($0 as? LogError)?.code == .malformedProofFile }
    }

    @Test func witnessQuorum() throws {
        let (_, signer, note) = try tessera()
        let witnesses = try (0..<3).map {
            try NoteSigner(name: "w\($0).example", key: Ed25519.PrivateKey(), type: .cosignatureV1)
        }
        var cosigned = try SignedNote(parsing: note)
        try cosigned.sign(with: witnesses[0], timestamp: 1_700_000_000)
        try cosigned.sign(with: witnesses[1], timestamp: 1_700_000_001)
        let policyText = """
            # a log and three witnesses; two of three must cosign
            log \(signer.verifier.vkey) https://example.com/log
            witness A \(witnesses[0].verifier.vkey)
            witness B \(witnesses[1].verifier.vkey)
            witness C \(witnesses[2].verifier.vkey)
            group two-of-three 2 A B C
            quorum two-of-three
            """
        let policy = try TlogPolicy(parsing: policyText)
        #expect(try policy.verify(checkpointNote: cosigned.serialized).size == 15)
        #expect { try policy.verify(checkpointNote: note) } throws: { "\($0)".contains("lacks the witness quorum") }
        let all = try TlogPolicy(
            parsing: policyText.replacingOccurrences(of: "group two-of-three 2", with: "group two-of-three all")
        )
        #expect(throws: LogError.self) { try all.verify(checkpointNote: cosigned.serialized) }
    }

    static let badPolicies: [String] = [
        "quorum none",
        "log nonsense\nquorum none",
        "log \(TesseraLogTests.vkey)",
        "log \(TesseraLogTests.vkey)\nquorum X",
        "log \(TesseraLogTests.vkey)\ngroup G 1 X\nquorum G",
        "log \(TesseraLogTests.vkey)\nwitness A \(TesseraLogTests.vkey)\ngroup G 2 A\nquorum G",
        "log \(TesseraLogTests.vkey)\nwitness A \(TesseraLogTests.vkey)\nwitness A \(TesseraLogTests.vkey)\nquorum A",
        "log \(TesseraLogTests.vkey)\nwitness A \(TesseraLogTests.vkey)\ngroup G any A A\nquorum G",
        "log \(TesseraLogTests.vkey)\nquorum none\nquorum none",
        "log \(TesseraLogTests.vkey)\nfrobnicate\nquorum none",
    ]

    @Test(arguments: badPolicies)
    func malformedPoliciesAreRejected(text: String) {
        #expect(throws: LogError.self) { try TlogPolicy(parsing: text) }
    }

    /// 20,000 groups each naming the one before: refused when read, with the reason (this once
    /// overflowed the stack when evaluated).
    @Test func aLongChainOfGroupsIsRefused() throws {
        let (_, signer, _) = try tessera()
        let witness = try NoteSigner(name: "w.example", key: Ed25519.PrivateKey(), type: .cosignatureV1)
        var lines = ["log \(signer.verifier.vkey)", "witness W \(witness.verifier.vkey)", "group G0 any W"]
        for level in 1..<20_000 { lines.append("group G\(level) any G\(level - 1)") }
        lines.append("quorum G19999")
        #expect { try TlogPolicy(parsing: lines.joined(separator: "\n")) } throws: {
            "\($0)".contains("nest deeper than \(TlogPolicy.maxGroupDepth)")
        }
        var many = ["log \(signer.verifier.vkey)"]
        for index in 0...TlogPolicy.maxDefinitions { many.append("witness W\(index) \(witness.verifier.vkey)") }
        many.append("quorum none")
        #expect { try TlogPolicy(parsing: many.joined(separator: "\n")) } throws: {
            "\($0)".contains("more than \(TlogPolicy.maxDefinitions)")
        }
    }

    /// Groups that share members at every level: 2^depth paths from the quorum to the witnesses.
    /// Deciding it once took minutes; every group is now decided once.
    @Test func sharedGroupsAreDecidedInLinearTime() throws {
        let (_, signer, note) = try tessera()
        let witnesses = try (0..<2).map {
            try NoteSigner(name: "w\($0).example", key: Ed25519.PrivateKey(), type: .cosignatureV1)
        }
        var lines = [
            "log \(signer.verifier.vkey)",
            "witness A \(witnesses[0].verifier.vkey)",
            "witness B \(witnesses[1].verifier.vkey)",
            "group L0 any A B", "group R0 all A B",
        ]
        let depth = TlogPolicy.maxGroupDepth - 1
        for level in 1..<depth {
            lines.append("group L\(level) any L\(level - 1) R\(level - 1)")
            lines.append("group R\(level) all L\(level - 1) R\(level - 1)")
        }
        let top = depth - 1
        let anyPolicy = try TlogPolicy(parsing: (lines + ["quorum L\(top)"]).joined(separator: "\n"))
        let allPolicy = try TlogPolicy(parsing: (lines + ["quorum R\(top)"]).joined(separator: "\n"))
        var one = try SignedNote(parsing: note)
        try one.sign(with: witnesses[0], timestamp: 1_700_000_000)
        let clock = ContinuousClock()
        let started = clock.now
        #expect(try anyPolicy.verify(checkpointNote: one.serialized).size == 15)
        #expect { try allPolicy.verify(checkpointNote: one.serialized) } throws: {
            "\($0)".contains("lacks the witness quorum")
        }
        try one.sign(with: witnesses[1], timestamp: 1_700_000_001)
        #expect(try allPolicy.verify(checkpointNote: one.serialized).size == 15)
        #expect(clock.now - started < .seconds(5))
    }
}
