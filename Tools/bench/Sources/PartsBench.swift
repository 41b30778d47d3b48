import ColophonCrypto
import ColophonLedger
import ColophonLog
import ColophonRecords
import ColophonStorage
import Foundation

/// Where the time of one append goes, per entry, single-threaded: the breakdown behind the
/// log benchmark's totals.
enum PartsBench {
    static func run() async throws {
        let key = try SigningKey.generate(.ed25519)
        let envelopes = try await LogBench.sign(5_000, key: key, offset: 0)
        let bodies = try envelopes.map { try $0.canonicalBytes() }
        let statements = try envelopes.map { try $0.statement() }
        func perEntry(_ name: String, _ body: () throws -> Void) rethrows {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            let micros = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / Double(envelopes.count)
            print(
                "\(name.padding(toLength: 44, withPad: " ", startingAt: 0)) \(String(format: "%8.2f", micros)) µs/entry"
            )
        }
        print("Per-entry cost of an append's parts (one core, \(envelopes.count) entries of \(bodies[0].count) bytes)")
        try perEntry("parse envelope JSON") { for body in bodies { _ = try Envelope(jsonBytes: body) } }
        try perEntry("parse statement (strict JSON + in-toto)") {
            for envelope in envelopes { _ = try JSONParser().parse(envelope.payload) }
        }
        try perEntry("statement() incl. schema and canonical check") {
            for envelope in envelopes { _ = try envelope.statement() }
        }
        try perEntry("schema validation alone") {
            for statement in statements {
                _ = try PredicateSchemas.violations(of: statement.predicate, as: .generation)
            }
        }
        try perEntry("envelope canonical bytes") { for envelope in envelopes { _ = try envelope.canonicalBytes() } }
        perEntry("Ed25519 verify") {
            for envelope in envelopes { _ = envelope.verifies(envelope.signatures[0], with: key.verifyingKey) }
        }
        let hasher = MerkleHasher()
        var range = CompactRange()
        perEntry("leaf hash + tree extension") {
            for body in bodies { _ = range.append(hasher.leafHash(body), hasher: hasher) }
        }
        try await readLatency()
        try await storeAppend(envelopes)
        try await scaling(envelopes)
        await parallelVerify(envelopes, key: key.verifyingKey)
    }
}

extension PartsBench {
    /// The latency of one store read through GRDB's async API, for the proof benchmark.
    static func readLatency() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "colophon-read-\(UUID().uuidString).sqlite"
        ).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteLedgerStore(path: path)
        try await store.initialize(
            emptyHead: TreeHead(size: 0, root: SHA256.hash([UInt8]()), note: "n\n", signedAt: Date())
        )
        var samples: [Double] = []
        for _ in 0..<2_000 {
            let (_, seconds) = try await Measure.seconds { try await store.latestHead() }
            samples.append(seconds * 1e6)
        }
        print("one async store read (latest checkpoint): p50 \(Measure.format(Measure.percentile(samples, 50))) µs")
    }
}

extension PartsBench {
    /// The store's own cost per appended entry (no tree building, no parsing).
    static func storeAppend(_ envelopes: [Envelope]) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "colophon-append-\(UUID().uuidString).sqlite"
        ).path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let store = try SQLiteLedgerStore(path: path)
        let empty = TreeHead(size: 0, root: SHA256.hash([UInt8]()), note: "n\n", signedAt: Date())
        try await store.initialize(emptyHead: empty)
        let pending = try envelopes.map { envelope in
            let statement = try envelope.statement()
            let body = try envelope.canonicalBytes()
            return PendingEntry(
                recordID: envelope.recordID,
                body: body,
                leafHash: SHA256.hash(body),
                predicateType: statement.predicateType,
                subjects: statement.subjects.flatMap {
                    $0.digest.map { SubjectDigest(algorithm: $0.key, value: $0.value) }
                },
                references: statement.referencedRecords,
                signers: envelope.signatures.map(\.keyID)
            )
        }
        let (_, seconds) = try await Measure.seconds {
            try await store.append(pending) { input in
                let size = input.previous.size + UInt64(input.newLeafHashes.count)
                let nodes = input.newLeafHashes.indices.map {
                    StoredNode(level: 0, index: input.previous.size + UInt64($0), hash: empty.root)
                }
                return Integration(
                    nodes: nodes,
                    head: TreeHead(size: size, root: empty.root, note: "n\n", signedAt: input.integratedAt)
                )
            }
        }
        print(
            "store append, one transaction (no tree)      \(String(format: "%8.2f", seconds * 1e6 / Double(pending.count))) µs/entry"
        )
    }
}

extension PartsBench {
    /// How parsing and validating statements scales from one core to all of them.
    static func scaling(_ envelopes: [Envelope]) async throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let (_, one) = try await Measure.seconds { for envelope in envelopes { _ = try envelope.statement() } }
        let (_, all) = try await Measure.seconds {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<cores {
                    group.addTask {
                        for envelope in envelopes[
                            (envelopes.count * worker / cores)..<(envelopes.count * (worker + 1) / cores)
                        ] {
                            _ = try envelope.statement()
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        print("statement() on \(cores) cores: \(String(format: "%.2f", one / all))× the speed of one core")
    }
}

extension PartsBench {
    /// Bulk import alone, for profiling: the records carry placeholder signatures, which an
    /// import of already-verified records does not look at.
    static func importOnly(count: Int) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "colophon-import-\(UUID().uuidString.prefix(8))"
        )
        defer { try? FileManager.default.removeItem(at: root) }
        let ledger = try await Ledger.create(at: LedgerDirectory(root.path), origin: "bench.colophon.example/import")
        let envelopes = try (0..<count).map { number in
            var predicate = GenerationPredicate(createdAt: Timestamp("2026-11-29T10:00:00Z")!)
            predicate.contentId = "import-\(number)"
            let subject = Subject(name: "\(number).png", sha256: SHA256.hash(utf8: "import \(number)").hex)
            let statement = try Statement(subjects: [subject], predicate: predicate)
            return Envelope(
                payloadType: Envelope.inTotoPayloadType,
                payload: try statement.canonicalBytes(),
                signatures: [.init(keyID: String(repeating: "a", count: 64), bytes: [UInt8](repeating: 7, count: 64))]
            )
        }
        let (_, seconds) = try await Measure.seconds { try await ledger.importVerified(envelopes) }
        print("bulk import only: \(count) entries, \(Measure.format(Double(count) / seconds)) entries/s")
    }
}

extension PartsBench {
    /// Ed25519 verification on every core at once, in threads of one process.
    static func parallelVerify(_ envelopes: [Envelope], key: VerifyingKey) async {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let rounds = 4
        let (_, seconds) = await Measure.seconds {
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<cores {
                    group.addTask {
                        for _ in 0..<rounds {
                            for envelope in envelopes[
                                (envelopes.count * worker / cores)..<(envelopes.count * (worker + 1) / cores)
                            ] {
                                _ = envelope.verifies(envelope.signatures[0], with: key)
                            }
                        }
                    }
                }
            }
        }
        print("Ed25519 verify on \(cores) threads: \(Measure.format(Double(envelopes.count * rounds) / seconds))/s")
    }
}
