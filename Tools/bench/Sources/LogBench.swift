import ColophonCrypto
import ColophonLedger
import ColophonRecords
import ColophonStorage
import Foundation

/// The log's benchmarks: durable verified appends against the machine's Ed25519 verification
/// ceiling, bulk import, proof latency on a large ledger, and bytes on disk per entry.
enum LogBench {
    static func run(entries target: Int, keep: String? = nil) async throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let openssl = try OpenSSLSpeed.ed25519(seconds: 3)
        let ceiling = openssl.verify * Double(cores)
        print(
            "Log: \(cores) cores; openssl speed ed25519 verify/s \(Measure.format(openssl.verify)) per core → ceiling \(Measure.format(ceiling))/s"
        )
        let root =
            keep.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                "colophon-bench-\(UUID().uuidString.prefix(8))"
            )
        defer {
            if keep == nil { try? FileManager.default.removeItem(at: root) }
        }

        // 1. Durable appends of signed envelopes, every signature verified.
        let ledger = try await Ledger.create(
            at: LedgerDirectory(root.appendingPathComponent("verified").path),
            origin: "bench.colophon.example/verified"
        )
        _ = try await ledger.createKey(name: "bench", role: .generator)
        let key = try ledger.keyring.load("bench")
        let count = 40_000
        let envelopes = try await sign(count, key: key, offset: 0)
        let sequencer = AppendSequencer(ledger: ledger)
        let clients = Int(ProcessInfo.processInfo.environment["BENCH_CLIENTS"] ?? "64") ?? 64
        let perSubmission = Int(ProcessInfo.processInfo.environment["BENCH_BATCH"] ?? "25") ?? 25
        let cpuBefore = Measure.cpuSeconds()
        let (_, seconds) = try await Measure.seconds {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for client in 0..<clients {
                    group.addTask {
                        var start = client * perSubmission
                        while start < count {
                            _ = try await sequencer.append(Array(envelopes[start..<min(count, start + perSubmission)]))
                            start += clients * perSubmission
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        let verifiedRate = Double(count) / seconds
        let busy = (Measure.cpuSeconds() - cpuBefore) / seconds
        let groups = try await ledger.store.headSizes().count
        print(
            "verified durable appends: \(Measure.format(verifiedRate))/s (\(clients) clients × \(perSubmission) per submission, \(groups) group commits) "
                + "= \(String(format: "%.2f", verifiedRate / ceiling)) × ceiling (target ≥ 0.6); \(String(format: "%.2f", busy)) cores busy"
        )

        // 2. Bulk import (verification done elsewhere), building a large ledger.
        let bulk = try await Ledger.create(
            at: LedgerDirectory(root.appendingPathComponent("bulk").path),
            origin: "bench.colophon.example/bulk"
        )
        guard let store = bulk.store as? SQLiteLedgerStore else { throw BenchError("expected the SQLite store") }
        // Signed up front (not timed), then imported in two calls — the first 100,000 and the
        // rest — each streamed in pipelined transactions, as a restore would.
        let all = try await sign(target, key: key, offset: 1_000_000_000)
        var imported = 0
        var importSeconds = 0.0
        var bodyBytes = 0
        for stop in [min(100_000, target), target] where stop > imported {
            let batch = Array(all[imported..<stop])
            let (results, elapsed) = try await Measure.seconds { try await bulk.importVerified(batch) }
            importSeconds += elapsed
            bodyBytes += try batch.reduce(0) { $0 + (try $1.canonicalBytes().count) }
            imported += results.count
            try await store.checkpointWAL()
            let size = try fileSize(store.path) + ((try? fileSize(store.path + "-wal")) ?? 0)
            let overhead = Double(size - bodyBytes) / Double(imported + 1)
            print(
                "bulk import: \(imported) entries, \(Measure.format(Double(imported) / importSeconds)) entries/s overall, "
                    + "\(Measure.format(Double(results.count) / elapsed)) entries/s for the last \(results.count) (target ≥ 50000); "
                    + "store \(size / 1_000_000) MB, \(Measure.format(Double(bodyBytes) / Double(imported))) B per entry body, "
                    + "\(Measure.format(overhead)) B per entry beyond it"
            )
        }

        // 3. Proof latency on the large ledger.
        try await proofLatency(bulk)
    }

    /// Inclusion and consistency proofs of random entries, timed one by one.
    static func proofLatency(_ ledger: Ledger) async throws {
        let head = try await ledger.latestCheckpoint()
        var inclusion: [Double] = []
        var consistency: [Double] = []
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let index = UInt64.random(in: 1..<head.size, using: &generator)
            guard let entry = try await ledger.store.entry(at: index) else {
                throw BenchError("missing entry \(index)")
            }
            let (_, includeTime) = try await Measure.seconds { try await ledger.inclusionProof(for: entry.recordID) }
            inclusion.append(includeTime * 1e6)
            let old = UInt64.random(in: 1..<head.size, using: &generator)
            let (_, consistTime) = try await Measure.seconds {
                try await ledger.consistencyProof(from: old, to: head.size)
            }
            consistency.append(consistTime * 1e6)
        }
        print(
            "proofs on \(head.size) entries: inclusion p50 \(Measure.format(Measure.percentile(inclusion, 50))) µs, p99 \(Measure.format(Measure.percentile(inclusion, 99))) µs; "
                + "consistency p50 \(Measure.format(Measure.percentile(consistency, 50))) µs, p99 \(Measure.format(Measure.percentile(consistency, 99))) µs (target p50 < 100 µs)"
        )
    }

    static func fileSize(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    /// Signed generation records, made on every core (not timed).
    static func sign(_ count: Int, key: SigningKey, offset: Int) async throws -> [Envelope] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let share = (count + cores - 1) / cores
        return try await withThrowingTaskGroup(of: (Int, [Envelope]).self) { group in
            for worker in 0..<cores {
                group.addTask {
                    let range = (worker * share)..<min(count, (worker + 1) * share)
                    return (
                        worker,
                        try range.map { number in
                            var predicate = GenerationPredicate(createdAt: Timestamp("2026-11-29T10:00:00Z")!)
                            predicate.contentId = "bench-\(offset + number)"
                            let subject = Subject(
                                name: "\(offset + number).png",
                                sha256: SHA256.hash(utf8: "bench \(offset + number)").hex
                            )
                            return try Envelope.sign(Statement(subjects: [subject], predicate: predicate), with: key)
                        }
                    )
                }
            }
            var parts: [(Int, [Envelope])] = []
            for try await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}
