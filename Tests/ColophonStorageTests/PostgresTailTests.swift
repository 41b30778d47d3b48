import ColophonCrypto
import ColophonStorage
import Foundation
import Synchronization
import Testing

@testable import ColophonPostgres

/// A PostgreSQL store builds on where its own last append left the log. When that belief is
/// wrong in ways no other writer's primary keys reveal — the log was cut back by a restore, or
/// regrown to the same size with another tree — the append must notice and start over, never
/// leave a gap or extend a tree that is not there.
@Suite(.enabled(if: StoreFactory.all.count > 1, "needs PostgreSQL"))
struct PostgresTailTests {
    static func store() async throws -> PostgresLedgerStore {
        let store = try await StoreFactory.postgres.make()
        try await store.initialize(emptyHead: StoreConformanceTests.emptyHead)
        return try #require(store as? PostgresLedgerStore)
    }

    /// Appends one entry, returning its index and the head the tree builder was handed.
    static func append(_ number: Int, to store: PostgresLedgerStore) async throws -> (UInt64, TreeHead?) {
        let handed = Mutex<TreeHead?>(nil)
        let outcomes = try await store.append([StoreConformanceTests.entry(number)]) { input in
            handed.withLock { $0 = input.previous }
            return StoreConformanceTests.integrate(input)
        }
        return (try #require(outcomes.first).index, handed.withLock { $0 })
    }

    @Test func aTailBeyondTheLogIsNotBuiltOn() async throws {
        let store = try await Self.store()
        _ = try await Self.append(0, to: store)
        _ = try await Self.append(1, to: store)
        var believed = try #require(store.tail.withLock { $0 })
        believed.head.size += 3
        store.tail.withLock { $0 = believed }
        let (index, handed) = try await Self.append(2, to: store)
        #expect(index == 2)
        #expect(handed?.size == 2)
        #expect(try await store.entries(from: 0, count: 10).map(\.index) == [0, 1, 2])
        #expect(try await store.headSizes() == [0, 1, 2, 3])
    }

    @Test func aTailOfAnotherTreeIsNotBuiltOn() async throws {
        let store = try await Self.store()
        _ = try await Self.append(0, to: store)
        var believed = try #require(store.tail.withLock { $0 })
        believed.head.root = SHA256.hash(utf8: "another tree of the same size")
        store.tail.withLock { $0 = believed }
        let (index, handed) = try await Self.append(1, to: store)
        #expect(index == 1)
        #expect(try handed?.root == (await store.head(size: 1))?.root)
        #expect(try await store.headSizes() == [0, 1, 2])
    }

    @Test func consecutiveAppendsSkipTheReads() async throws {
        let store = try await Self.store()
        _ = try await Self.append(0, to: store)
        #expect(store.tail.withLock { $0?.head.size } == 1)
        _ = try await Self.append(1, to: store)
        #expect(store.tail.withLock { $0?.head.size } == 2)
        // A record already in the log: the append starts over, and the tail is known after it.
        _ = try await store.append([StoreConformanceTests.entry(1)], integrate: StoreConformanceTests.integrate)
        #expect(store.tail.withLock { $0?.head.size } == 2)
    }
}
