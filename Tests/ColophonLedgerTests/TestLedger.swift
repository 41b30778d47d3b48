import ColophonCrypto
import ColophonLedger
import ColophonRecords
import Foundation

/// A ledger in a temporary folder, removed afterwards.
final class TestLedger {
    let root: URL
    let ledger: Ledger

    init(origin: String = "test.example/log") async throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("colophon-ledger-\(UUID().uuidString)")
        ledger = try await Ledger.create(
            at: LedgerDirectory(root.appendingPathComponent("ledger").path),
            origin: origin
        )
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// A signed generation record for an image digest, by `key`.
    func generation(_ seed: Int, key: SigningKey) throws -> Envelope {
        var predicate = GenerationPredicate(createdAt: Timestamp("2026-11-29T10:00:00Z")!)
        predicate.contentId = "image-\(seed)"
        let digest = SHA256.hash(utf8: "image \(seed)").hex
        return try Envelope.sign(
            Statement(subjects: [Subject(name: "\(seed).png", sha256: digest)], predicate: predicate),
            with: key
        )
    }
}
