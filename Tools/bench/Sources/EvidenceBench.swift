import ColophonCrypto
import ColophonLedger
import ColophonMedia
import ColophonRecords
import ColophonStorage
import Foundation

/// Exporting and verifying an evidence bundle of 10,000 records, with the independent Python
/// verifier's time alongside. Budget: 5 s each.
enum EvidenceBench {
    static func run(records: Int, python: String) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "colophon-evidence-bench-\(UUID().uuidString)"
        )
        defer { try? FileManager.default.removeItem(at: root) }
        let ledger = try await Ledger.create(
            at: LedgerDirectory(root.appendingPathComponent("ledger").path),
            origin: "bench.example/log"
        )
        _ = try await ledger.createKey(name: "studio", role: .generator)
        let key = try ledger.keyring.load("studio")
        print("Evidence bundle of \(records) records")
        var ids: [RecordID] = []
        var batch: [Envelope] = []
        for number in 0..<records - 1 {
            var generation = GenerationPredicate()
            generation.prompt = .clear("bench image \(number), a lighthouse at dawn")
            generation.model = .init(name: "sd_xl_base_1.0")
            var parameters = GenerationPredicate.Parameters()
            parameters.seed = number
            parameters.steps = 30
            generation.parameters = parameters
            batch.append(
                try Envelope.sign(
                    Statement(
                        subjects: [Subject(name: "\(number).png", sha256: SHA256.hash(utf8: "bench \(number)").hex)],
                        predicate: generation
                    ),
                    with: key
                )
            )
            if batch.count == 1000 {
                ids += try await ledger.importVerified(batch).map(\.recordID)
                batch = []
            }
        }
        ids += try await ledger.importVerified(batch).map(\.recordID)
        let request = Ledger.ExportRequest(
            scope: .records(ids),
            reason: "benchmark",
            bundleName: "bench.zip",
            tool: "bench"
        )
        let (_, closureSeconds) = try await Measure.seconds { try await ledger.exportRecords(.records(ids)) }
        let (exported, exportSeconds) = try await Measure.seconds { try await ledger.exportBundle(request, key: key) }
        let entries = (0..<exported.manifest.records.count).map {
            ZipWriter.Entry(name: "records/\($0).json", bytes: Array(repeating: 65, count: 900), deflate: true)
        }
        let (_, zipSeconds) = try Measure.secondsSync {
            try ZipWriter.archive(
                entries + entries.map { ZipWriter.Entry(name: "p" + $0.name, bytes: $0.bytes, deflate: true) }
            )
        }
        let head = try await ledger.latestCheckpoint()
        let (_, proofSeconds) = try await Measure.seconds {
            for id in ids { _ = try await ledger.inclusionProof(for: id, size: head.size) }
        }
        let (_, storedSeconds) = try Measure.secondsSync {
            try ZipWriter.archive(
                entries.map { ZipWriter.Entry(name: $0.name, bytes: $0.bytes, deflate: false) }
                    + entries.map { ZipWriter.Entry(name: "p" + $0.name, bytes: $0.bytes, deflate: false) }
            )
        }
        print("  of which: proofs \(Measure.format(proofSeconds)) s; the zip stored \(Measure.format(storedSeconds)) s")
        print(
            "  of which: finding the records \(Measure.format(closureSeconds)) s; a zip of as many files \(Measure.format(zipSeconds)) s"
        )
        let path = root.appendingPathComponent("bench.zip").path
        try Data(exported.bytes).write(to: URL(fileURLWithPath: path))
        let (result, verifySeconds) = try Measure.secondsSync { try BundleVerifier.verify(path: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../verify_bundle.py")
                .standardized.path, "bundle", path,
        ]
        process.standardOutput = FileHandle.nullDevice
        let start = DispatchTime.now().uptimeNanoseconds
        try process.run()
        process.waitUntilExit()
        let pythonSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print("  bundle: \(exported.manifest.records.count) records, \(exported.bytes.count >> 10) KiB")
        print("  colophon export:           \(Measure.format(exportSeconds)) s (budget 5 s)")
        print(
            "  colophon bundle verify:    \(Measure.format(verifySeconds)) s (budget 5 s), verified: \(result.verified)"
        )
        print("  verify_bundle.py bundle:   \(Measure.format(pythonSeconds)) s, exit \(process.terminationStatus)")
    }
}
