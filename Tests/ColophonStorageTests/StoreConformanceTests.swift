import ColophonCrypto
import ColophonRecords
import ColophonStorage
import Foundation
import Synchronization
import Testing

/// The behaviour every `LedgerStore` must have. Each implementation runs this suite through
/// its factory in ``StoreFactory``.
@Suite struct StoreConformanceTests {
    /// A fake tree builder that records what it was given: the store's contract is to call it
    /// inside the transaction with the latest head, and to store exactly what it returns.
    /// It completes perfect subtrees from the right edge it is handed, as a real one does, so
    /// the store can serve the next right edge.
    static func integrate(_ input: IntegrationInput) -> Integration {
        var nodes: [StoredNode] = []
        var edge = input.rightEdge
        for (offset, leaf) in input.newLeafHashes.enumerated() {
            var node = StoredNode(level: 0, index: input.previous.size + UInt64(offset), hash: leaf)
            nodes.append(node)
            while let last = edge.last, last.level == node.level {
                edge.removeLast()
                node = StoredNode(
                    level: node.level + 1,
                    index: node.index >> 1,
                    hash: SHA256.hash(last.hash.bytes + node.hash.bytes)
                )
                nodes.append(node)
            }
            edge.append(node)
        }
        let size = input.previous.size + UInt64(input.newLeafHashes.count)
        let root = SHA256.hash(input.previous.root.bytes + input.newLeafHashes.flatMap(\.bytes))
        return Integration(
            nodes: nodes,
            head: TreeHead(size: size, root: root, note: "note \(size)\n", signedAt: input.integratedAt)
        )
    }

    static func entry(
        _ number: Int,
        type: PredicateType = .generation,
        references: [RecordID] = [],
        signer: String = "k1"
    ) -> PendingEntry {
        // A real envelope: stores index what its statement says. The signature is not checked
        // at this layer, so a fixed placeholder keeps the tests fast.
        let digest = SHA256.hash(utf8: "subject \(number)").hex
        let payload = Array(
            #"{"_type":"https://in-toto.io/Statement/v1","predicateType":"\#(type.rawValue)","subject":[{"digest":{"sha256":"\#(digest)"}}]}"#
                .utf8
        )
        let envelope = Envelope(
            payloadType: Envelope.inTotoPayloadType,
            payload: payload,
            signatures: [.init(keyID: signer, bytes: [1, 2, 3])]
        )
        let body = (try? envelope.canonicalBytes()) ?? []
        return PendingEntry(
            recordID: envelope.recordID,
            body: body,
            leafHash: SHA256.hash(body),
            predicateType: type.rawValue,
            subjects: [SubjectDigest(algorithm: "sha256", value: digest)],
            references: references,
            signers: [signer]
        )
    }

    static let emptyHead = TreeHead(
        size: 0,
        root: SHA256.hash([UInt8]()),
        note: "note 0\n",
        signedAt: Date(timeIntervalSince1970: 0)
    )

    @Test(arguments: StoreFactory.all)
    func appendsInOrderAndDeduplicates(factory: StoreFactory) async throws {
        let store = try await factory.make()
        try await store.initialize(emptyHead: Self.emptyHead)
        try await store.initialize(emptyHead: Self.emptyHead)
        let first = try await store.append([Self.entry(0), Self.entry(1), Self.entry(0)], integrate: Self.integrate)
        #expect(first.map(\.index) == [0, 1, 0])
        #expect(first.map(\.isNew) == [true, true, false])
        let second = try await store.append([Self.entry(1), Self.entry(2)], integrate: Self.integrate)
        #expect(second.map(\.index) == [1, 2])
        #expect(second.map(\.isNew) == [false, true])
        #expect(try await store.latestHead().size == 3)
        #expect(try await store.headSizes() == [0, 2, 3])
        #expect(try await store.head(size: 2)?.note == "note 2\n")
        #expect(try await store.head(size: 1) == nil)
        // Nothing new: no new checkpoint.
        _ = try await store.append([Self.entry(2)], integrate: Self.integrate)
        #expect(try await store.headSizes() == [0, 2, 3])
    }

    @Test(arguments: StoreFactory.all)
    func readsByEveryIndex(factory: StoreFactory) async throws {
        let store = try await factory.make()
        try await store.initialize(emptyHead: Self.emptyHead)
        let target = Self.entry(0, type: .work)
        let referring = Self.entry(1, type: .correction, references: [target.recordID], signer: "k2")
        _ = try await store.append([target, referring, Self.entry(2)], integrate: Self.integrate)
        #expect(try await store.entry(at: 1)?.recordID == referring.recordID)
        #expect(try await store.entry(at: 9) == nil)
        // Indexes and sizes no log reaches are simply absent.
        #expect(try await store.entry(at: UInt64.max) == nil)
        #expect(try await store.head(size: UInt64.max) == nil)
        #expect(try await store.entries(from: UInt64.max - 1, count: 5).isEmpty)
        #expect(try await store.entries(from: UInt64(Int64.max), count: 5).isEmpty)
        #expect(try await store.entry(recordID: target.recordID)?.index == 0)
        #expect(try await store.entry(recordID: target.recordID)?.body == target.body)
        #expect(try await store.entries(from: 1, count: 5).map(\.index) == [1, 2])
        #expect(try await store.entries(subject: target.subjects[0]).map(\.index) == [0])
        #expect(try await store.entries(predicateType: PredicateType.generation.rawValue).map(\.index) == [2])
        #expect(try await store.entries(referencing: target.recordID).map(\.index) == [1])
        #expect(try await store.entries(signedBy: "k2").map(\.index) == [1])
        #expect(try await store.entries(signedBy: "nobody").isEmpty)
        let nodes = try await store.nodeHashes([NodeKey(level: 0, index: 2), NodeKey(level: 0, index: 0)])
        #expect(nodes == [SHA256.hash(Self.entry(2).body), SHA256.hash(target.body)])
        await #expect(throws: StorageError.self) { try await store.nodeHashes([NodeKey(level: 5, index: 5)]) }
    }

    @Test(arguments: StoreFactory.all)
    func logTimeNeverRunsBackwards(factory: StoreFactory) async throws {
        let store = try await factory.make()
        try await store.initialize(emptyHead: Self.emptyHead)
        var last = Date.distantPast
        for round in 0..<5 {
            _ = try await store.append([Self.entry(round)], integrate: Self.integrate)
            let time = try await store.entry(at: UInt64(round))?.integratedAt ?? .distantPast
            #expect(time >= last)
            last = time
        }
    }

    @Test(arguments: StoreFactory.all)
    func aFailingIntegrationWritesNothing(factory: StoreFactory) async throws {
        let store = try await factory.make()
        try await store.initialize(emptyHead: Self.emptyHead)
        _ = try await store.append([Self.entry(0)], integrate: Self.integrate)
        await #expect(throws: StorageError.self) {
            try await store.append([Self.entry(1)]) { _ in throw StorageError(.corrupt, "refused") }
        }
        await #expect(throws: StorageError.self) {
            // A builder that claims the wrong size is refused.
            try await store.append([Self.entry(1)]) { input in
                var integration = Self.integrate(input)
                integration.head.size += 1
                return integration
            }
        }
        #expect(try await store.latestHead().size == 1)
        #expect(try await store.entry(recordID: Self.entry(1).recordID) == nil)
        #expect(try await store.entries(from: 0, count: 10).count == 1)
    }

    @Test(arguments: StoreFactory.all)
    func concurrentAppendsNeverFork(factory: StoreFactory) async throws {
        let store = try await factory.make()
        try await store.initialize(emptyHead: Self.emptyHead)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for round in 0..<10 {
                        _ = try await store.append([Self.entry(worker * 1000 + round)], integrate: Self.integrate)
                    }
                }
            }
            try await group.waitForAll()
        }
        let entries = try await store.entries(from: 0, count: 100)
        #expect(entries.map(\.index) == Array(0..<40))
        #expect(try await store.latestHead().size == 40)
        #expect(try await store.headSizes() == Array(0...40))
    }

    /// Two writers taking turns on one log, as two server processes do: each append must be
    /// handed the true end of the log, whoever wrote it, and duplicates must be found even when
    /// the writer last appended itself.
    @Test(arguments: StoreFactory.all)
    func writersTakingTurnsSeeEachOthersAppends(factory: StoreFactory) async throws {
        let first = try await factory.make()
        try await first.initialize(emptyHead: Self.emptyHead)
        let second = try await StoreFactory.sibling(of: first)
        // A store may build on what it believes is the end of the log and start over when it
        // was wrong, so the builder may run more than once per append: the last run is written.
        let seen = Mutex<[(turn: Int, input: IntegrationInput)]>([])
        let watch: Set<String> = [PredicateType.key.rawValue]
        func append(_ store: any LedgerStore, _ entries: [PendingEntry], turn: Int) async throws -> [AppendOutcome] {
            try await store.append(entries, watching: watch) { input in
                seen.withLock { $0.append((turn, input)) }
                return Self.integrate(input)
            }
        }
        let turns: [(any LedgerStore, [PendingEntry], [UInt64], [Bool])] = [
            (first, [Self.entry(0), Self.entry(1), Self.entry(2)], [0, 1, 2], [true, true, true]),
            (first, [Self.entry(3, type: .key)], [3], [true]),
            (first, [Self.entry(4)], [4], [true]),
            (second, [Self.entry(5), Self.entry(6)], [5, 6], [true, true]),
            (first, [Self.entry(7)], [7], [true]),
            (first, [Self.entry(5), Self.entry(8)], [5, 8], [false, true]),
            (first, [Self.entry(1)], [1], [false]),
            (second, [Self.entry(9, type: .key)], [9], [true]),
            (first, [Self.entry(10), Self.entry(10)], [10, 10], [true, false]),
            (first, [Self.entry(11)], [11], [true]),
        ]
        var writingTurns: Set<Int> = []
        for (turn, (store, entries, indexes, fresh)) in turns.enumerated() {
            if fresh.contains(true) { writingTurns.insert(turn) }
            let outcomes = try await append(store, entries, turn: turn)
            #expect(outcomes.map(\.index) == indexes)
            #expect(outcomes.map(\.isNew) == fresh)
        }
        #expect(try await first.entries(from: 0, count: 100).map(\.index) == Array(0..<12))
        #expect(try await second.headSizes() == [0, 3, 4, 5, 7, 8, 9, 10, 11, 12])
        // What each append was handed is what the database holds for that size.
        let runs = seen.withLock { $0 }
        // A store that builds on its own last append runs the builder twice when another
        // writer came in between (or a record was there already), else once.
        let expectedRuns = factory.speculates ? [1, 1, 1, 1, 2, 2, 1, 2, 2, 1] : [1, 1, 1, 1, 1, 1, 0, 1, 1, 1]
        #expect(turns.indices.map { turn in runs.filter { $0.turn == turn }.count } == expectedRuns)
        var written: [Int: IntegrationInput] = [:]
        for run in runs where writingTurns.contains(run.turn) { written[run.turn] = run.input }
        let inputs = written.sorted { $0.key < $1.key }.map(\.value)
        #expect(inputs.map(\.previous.size) == [0, 3, 4, 5, 7, 8, 9, 10, 11])
        #expect(inputs.map(\.lastWatchedIndex) == [nil, nil, 3, 3, 3, 3, 3, 9, 9])
        for input in runs.map(\.input) {
            let stored = try await second.head(size: input.previous.size)
            #expect(stored?.root == input.previous.root)
            let keys = TreeShape.rightEdge(size: input.previous.size)
            #expect(input.rightEdge.map(\.key) == keys)
            #expect(try await second.nodeHashes(keys) == input.rightEdge.map(\.hash))
        }
    }

    @Test(arguments: StoreFactory.all)
    func blobsAreContentAddressedAndBounded(factory: StoreFactory) async throws {
        let store = try await factory.make(maxBlobBytes: 1024)
        let bytes = Array("a workflow".utf8)
        let digest = try await store.putBlob(bytes)
        #expect(digest == SHA256.hash(bytes))
        #expect(try await store.putBlob(bytes) == digest)
        #expect(try await store.blob(digest) == bytes)
        #expect(try await store.blob(SHA256.hash(utf8: "absent")) == nil)
        await #expect { try await store.putBlob([UInt8](repeating: 0, count: 1025)) } throws: {
            ($0 as? StorageError)?.code == .tooLarge
        }
    }

    @Test(arguments: StoreFactory.all)
    func oversizedEntriesAreRefused(factory: StoreFactory) async throws {
        let store = try await factory.make()
        try await store.initialize(emptyHead: Self.emptyHead)
        var big = Self.entry(0)
        big.body = [UInt8](repeating: 0x20, count: 65_536)
        await #expect { try await store.append([big], integrate: Self.integrate) } throws: {
            ($0 as? StorageError)?.code == .tooLarge
        }
    }

    @Test(arguments: StoreFactory.all)
    func reportsTheLatestWatchedEntry(factory: StoreFactory) async throws {
        let store = try await factory.make()
        try await store.initialize(emptyHead: Self.emptyHead)
        _ = try await store.append(
            [Self.entry(0, type: .key), Self.entry(1), Self.entry(2)],
            integrate: Self.integrate
        )
        let seen = Mutex<[UInt64?]>([])
        let watch: Set<String> = [PredicateType.key.rawValue]
        _ = try await store.append([Self.entry(3)], watching: watch) { input in
            seen.withLock { $0.append(input.lastWatchedIndex) }
            return Self.integrate(input)
        }
        _ = try await store.append([Self.entry(4, type: .key)], watching: [PredicateType.work.rawValue]) { input in
            seen.withLock { $0.append(input.lastWatchedIndex) }
            return Self.integrate(input)
        }
        _ = try await store.append([Self.entry(5)], watching: watch) { input in
            seen.withLock { $0.append(input.lastWatchedIndex) }
            return Self.integrate(input)
        }
        #expect(seen.withLock { $0 } == [0, nil, 4])
    }

    @Test(arguments: StoreFactory.all)
    func subjectsAreMatchedWhole(factory: StoreFactory) async throws {
        let store = try await factory.make()
        try await store.initialize(emptyHead: Self.emptyHead)
        let entry = Self.entry(7)
        _ = try await store.append([entry], integrate: Self.integrate)
        let subject = entry.subjects[0]
        #expect(try await store.entries(subject: subject).count == 1)
        #expect(try await store.entries(subject: SubjectDigest(algorithm: "sha512", value: subject.value)).isEmpty)
        #expect(
            try await store.entries(
                subject: SubjectDigest(algorithm: "sha256", value: String(subject.value.dropLast()))
            )
            .isEmpty
        )
    }
}
