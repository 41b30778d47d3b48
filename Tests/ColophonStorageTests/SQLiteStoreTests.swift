import ColophonCrypto
import ColophonRecords
import Foundation
import Testing

@testable import ColophonStorage

/// What is particular to the SQLite store: files, schema versions, damaged databases.
@Suite struct SQLiteStoreTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("colophon-sqlite-\(UUID().uuidString).sqlite")
            .path
    }

    @Test func reopensWithItsData() async throws {
        let path = Self.temporaryPath()
        do {
            let store = try SQLiteLedgerStore(path: path)
            try await store.initialize(emptyHead: StoreConformanceTests.emptyHead)
            _ = try await store.append([StoreConformanceTests.entry(0)], integrate: StoreConformanceTests.integrate)
        }
        let reopened = try SQLiteLedgerStore(path: path)
        #expect(try await reopened.latestHead().size == 1)
    }

    /// An acknowledged append must survive a power cut: every commit syncs the write-ahead log.
    @Test func writesWithFullSynchronousMode() async throws {
        let store = try SQLiteLedgerStore(path: Self.temporaryPath())
        #expect(try await store.writerSynchronousMode() == 2)
    }

    @Test func refusesANewerSchema() async throws {
        let path = Self.temporaryPath()
        _ = try SQLiteLedgerStore(path: path)
        // Record a migration this build does not know, as a newer Colophon would.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"INSERT INTO grdb_migrations VALUES ('v99')\"); c.commit()",
            path,
        ]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect { try SQLiteLedgerStore(path: path) } throws: { ($0 as? StorageError)?.code == .incompatible }
    }

    @Test func refusesAFileThatIsNotADatabase() throws {
        let path = Self.temporaryPath()
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        #expect { try SQLiteLedgerStore(path: path) } throws: { ($0 as? StorageError)?.code == .corrupt }
    }

    @Test func refusesAnUninitialisedStore() async throws {
        let store = try SQLiteLedgerStore(path: Self.temporaryPath())
        await #expect { try await store.latestHead() } throws: { ($0 as? StorageError)?.code == .corrupt }
        await #expect {
            try await store.append([StoreConformanceTests.entry(0)], integrate: StoreConformanceTests.integrate)
        } throws: {
            ($0 as? StorageError)?.code == .corrupt
        }
    }

    @Test func unwritableLocationIsAnIOError() {
        #expect { try SQLiteLedgerStore(path: "/proc/colophon-cannot-exist/ledger.sqlite") } throws: {
            $0 is StorageError
        }
    }
}

extension SQLiteStoreTests {
    /// The subject index is keyed by 64 bits of a hash; lookups must still answer exactly.
    /// An entry indexed under a digest its statement does not name is not returned for it.
    @Test func subjectLookupsAreExactEvenWhenTheIndexSaysOtherwise() async throws {
        let store = try SQLiteLedgerStore(path: Self.temporaryPath())
        try await store.initialize(emptyHead: StoreConformanceTests.emptyHead)
        var mislabelled = StoreConformanceTests.entry(7)
        let claimed = SubjectDigest(algorithm: "sha256", value: SHA256.hash(utf8: "not in the statement").hex)
        mislabelled.subjects = [claimed]
        _ = try await store.append([mislabelled], integrate: StoreConformanceTests.integrate)
        #expect(try await store.entries(subject: claimed).isEmpty)
        let real = StoreConformanceTests.entry(8)
        _ = try await store.append([real], integrate: StoreConformanceTests.integrate)
        #expect(try await store.entries(subject: real.subjects[0]).map(\.recordID) == [real.recordID])
    }
}
