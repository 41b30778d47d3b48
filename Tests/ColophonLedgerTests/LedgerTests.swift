import ColophonCrypto
import ColophonLedger
import ColophonLog
import ColophonRecords
import ColophonStorage
import Foundation
import Testing

@Suite struct LedgerTests {
    @Test func initRegistersTheOperatorKeyAndSignsTheLog() async throws {
        let test = try await TestLedger()
        let head = try await test.ledger.latestCheckpoint()
        #expect(head.size == 1)
        let (checkpoint, _) = try Checkpoint.open(note: head.note, verifier: test.ledger.verifier)
        #expect(checkpoint.origin == "test.example/log")
        let registry = try await test.ledger.keyRegistry()
        #expect(registry.activeKey(named: Ledger.operatorKeyName)?.role == .log)
        let keyFile = test.ledger.keyring.file(Ledger.operatorKeyName).path
        let mode = try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        await #expect(throws: LedgerError.self) { try await Ledger.create(at: test.ledger.directory) }
    }

    @Test func appendShowAndDeduplicate() async throws {
        let test = try await TestLedger()
        let (state, _) = try await test.ledger.createKey(name: "studio", role: .generator)
        let key = try test.ledger.keyring.load("studio")
        #expect(state.keyID == key.verifyingKey.keyID)
        let envelope = try test.generation(1, key: key)
        let first = try await test.ledger.append([envelope])
        #expect(first[0].isNew && first[0].index == 2)
        let again = try await test.ledger.append([envelope])
        #expect(!again[0].isNew && again[0].index == 2)
        var cosigned = envelope
        try cosigned.addSignature(with: test.ledger.keyring.load(Ledger.operatorKeyName))
        #expect(try await test.ledger.append([cosigned])[0].isNew == false)
        let record = try await test.ledger.record(envelope.recordID)
        #expect(record.verdict.isValid)
        #expect(record.statement.colophonType == .generation)
        #expect(record.status == "current")
        #expect(try await test.ledger.latestCheckpoint().size == 3)
    }

    @Test func unregisteredSignersAreRefusedAndNothingIsWritten() async throws {
        let test = try await TestLedger()
        _ = try await test.ledger.createKey(name: "studio", role: .generator)
        let good = try test.generation(1, key: test.ledger.keyring.load("studio"))
        let stranger = try test.generation(2, key: SigningKey.generate(.ed25519))
        await #expect { try await test.ledger.append([good, stranger]) } throws: { error in
            (error as? LedgerError)?.code == .invalid && "\(error)".contains("not registered")
        }
        #expect(try await test.ledger.latestCheckpoint().size == 2)
        var forged = good
        forged.signatures[0].bytes[5] ^= 1
        await #expect { try await test.ledger.append([forged]) } throws: { "\($0)".contains("does not verify") }
    }

    @Test func rotationAndRevocationAreHonoured() async throws {
        let test = try await TestLedger()
        _ = try await test.ledger.createKey(name: "studio", role: .generator)
        let oldKey = try test.ledger.keyring.load("studio")
        let early = try test.generation(1, key: oldKey)
        _ = try await test.ledger.append([early])
        _ = try await test.ledger.rotateKey(name: "studio")
        let newKey = try test.ledger.keyring.load("studio")
        #expect(newKey.verifyingKey.keyID != oldKey.verifyingKey.keyID)
        // The old key may no longer sign; its earlier record stays valid.
        await #expect { try await test.ledger.append([try test.generation(2, key: oldKey)]) } throws: {
            "\($0)".contains("rotated out")
        }
        #expect(try await test.ledger.record(early.recordID).verdict.isValid)
        let late = try test.generation(3, key: newKey)
        _ = try await test.ledger.append([late])
        // A compromise dated before the late record invalidates it, but not the early one.
        let compromise = try await test.ledger.record(late.recordID).entry.integratedAt.addingTimeInterval(-0.001)
        _ = try await test.ledger.revokeKey(name: "studio", reason: "laptop stolen", compromisedAt: compromise)
        let verdict = try await test.ledger.record(late.recordID).verdict
        #expect(!verdict.isValid)
        #expect(verdict.problem?.contains("compromise") == true)
        #expect(try await test.ledger.record(early.recordID).verdict.isValid)
        await #expect { try await test.ledger.append([try test.generation(4, key: newKey)]) } throws: {
            "\($0)".contains("compromise")
        }
    }

    @Test func correctionsAreRecordedAndShown() async throws {
        let test = try await TestLedger()
        _ = try await test.ledger.createKey(name: "studio", role: .generator)
        _ = try await test.ledger.createKey(name: "critic", role: .auditor)
        let key = try test.ledger.keyring.load("studio")
        let wrong = try test.generation(1, key: key)
        let right = try test.generation(2, key: key)
        _ = try await test.ledger.append([wrong, right])
        await #expect {
            try await test.ledger.correct(wrong.recordID, action: .retract, reason: "x", keyName: "critic")
        } throws: {
            "\($0)".contains("only a signer")
        }
        _ = try await test.ledger.correct(
            wrong.recordID,
            action: .dispute,
            reason: "the seed is wrong",
            keyName: "critic"
        )
        _ = try await test.ledger.correct(
            wrong.recordID,
            action: .supersede,
            reason: "wrong seed",
            replacement: right.recordID,
            keyName: "studio"
        )
        let record = try await test.ledger.record(wrong.recordID)
        #expect(record.corrections.map(\.action) == [.dispute, .supersede])
        #expect(record.status == "superseded")
        #expect(record.corrections[1].replacement == right.recordID)
        let missing = RecordID(digest: SHA256.hash(utf8: "nothing"))
        await #expect {
            try await test.ledger.correct(missing, action: .dispute, reason: "x", keyName: "critic")
        } throws: {
            ($0 as? LedgerError)?.code == .notFound
        }
    }

    @Test func proofsVerifyIndependently() async throws {
        let test = try await TestLedger()
        _ = try await test.ledger.createKey(name: "studio", role: .generator)
        let key = try test.ledger.keyring.load("studio")
        let envelopes = try (0..<40).map { try test.generation($0, key: key) }
        let firstHead = try await test.ledger.latestCheckpoint()
        _ = try await test.ledger.append(Array(envelopes[0..<10]))
        _ = try await test.ledger.append(Array(envelopes[10...]))
        let head = try await test.ledger.latestCheckpoint()
        let policy = TlogPolicy(log: test.ledger.verifier)
        for envelope in envelopes {
            let proof = try await test.ledger.inclusionProof(for: envelope.recordID)
            let entry = try envelope.canonicalBytes()
            #expect(try proof.verify(entry: entry, policy: policy).size == head.size)
        }
        let consistency = try await test.ledger.consistencyProof(from: firstHead.size, to: head.size)
        try MerkleProof.verifyConsistency(
            size1: firstHead.size,
            size2: head.size,
            root1: firstHead.root,
            root2: head.root,
            proof: consistency.proof
        )
        #expect(consistency.oldRoot == firstHead.root && consistency.newRoot == head.root)
        let tiles = test.root.appendingPathComponent("tiles").path
        let report = try await test.ledger.publishTiles(to: tiles)
        #expect(report.size == head.size)
        try TileDirectoryVerifier(directory: tiles).verify(verifier: test.ledger.verifier)
        _ = try await test.ledger.append([try test.generation(99, key: key)])
        let second = try await test.ledger.publishTiles(to: tiles)
        #expect(second.previousSize == head.size && second.filesWritten == 3)
        try TileDirectoryVerifier(directory: tiles).verify(verifier: test.ledger.verifier)
        let other = try await TestLedger()
        await #expect(throws: LedgerError.self) { try await other.ledger.publishTiles(to: tiles) }
    }

    @Test func reopensWithState() async throws {
        let test = try await TestLedger()
        _ = try await test.ledger.createKey(name: "studio", role: .generator)
        let reopened = try await Ledger.open(test.ledger.directory)
        #expect(try await reopened.keyRegistry().activeKey(named: "studio") != nil)
        #expect(reopened.verifier == test.ledger.verifier)
    }
}
