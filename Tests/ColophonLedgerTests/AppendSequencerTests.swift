import ColophonCrypto
import ColophonLedger
import ColophonRecords
import ColophonStorage
import Foundation
import Testing

@Suite struct AppendSequencerTests {
    @Test func concurrentSubmissionsAreGroupedAndABadOneFailsAlone() async throws {
        let test = try await TestLedger()
        _ = try await test.ledger.createKey(name: "studio", role: .generator)
        let key = try test.ledger.keyring.load("studio")
        let stranger = try SigningKey.generate(.ed25519)
        let sequencer = AppendSequencer(ledger: test.ledger)
        let before = try await test.ledger.store.headSizes().count
        let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for submission in 0..<40 {
                let signer = submission == 17 ? stranger : key
                let envelopes = try (0..<3).map { try test.generation(submission * 10 + $0, key: signer) }
                group.addTask {
                    do {
                        let results = try await sequencer.append(envelopes)
                        return (submission, results.count == 3 && results.allSatisfy(\.isNew))
                    } catch {
                        return (submission, false)
                    }
                }
            }
            return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
        }
        #expect(outcomes.count == 40)
        #expect(outcomes.filter { $0.value }.count == 39)
        #expect(outcomes[17] == false)
        let head = try await test.ledger.latestCheckpoint()
        #expect(head.size == 2 + 39 * 3)
        // Group commit: fewer checkpoints than submissions.
        let checkpoints = try await test.ledger.store.headSizes().count - before
        #expect(checkpoints < 39)
        let entries = try await test.ledger.store.entries(from: 0, count: Int(head.size))
        #expect(entries.map(\.index) == Array(0..<head.size))
    }

    @Test func importVerifiedSkipsSignatureChecksButIndexes() async throws {
        let test = try await TestLedger()
        let foreign = try SigningKey.generate(.ed25519)
        let envelopes = try (0..<5).map { try test.generation($0, key: foreign) }
        let results = try await test.ledger.importVerified(envelopes)
        #expect(results.map(\.index) == [1, 2, 3, 4, 5])
        let subject = try envelopes[2].statement().subjects[0]
        let found = try await test.ledger.store.entries(
            subject: .init(algorithm: "sha256", value: subject.sha256 ?? "")
        )
        #expect(found.map(\.recordID) == [envelopes[2].recordID])
        // Read back through the normal path, the unregistered signer is reported.
        #expect(try await !test.ledger.record(envelopes[0].recordID).verdict.isValid)
    }
}
