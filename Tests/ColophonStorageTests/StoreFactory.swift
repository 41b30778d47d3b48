import ColophonPostgres
import ColophonStorage
import Foundation
import Testing

/// Makes fresh stores of each implementation for the conformance suite.
struct StoreFactory: Sendable, CustomTestStringConvertible {
    let name: String
    /// Whether an append may first try to build on where this store's own last append left the
    /// log, calling the tree builder again if that was wrong.
    var speculates = false
    let make: @Sendable (Int) async throws -> any LedgerStore

    var testDescription: String { name }

    func make(maxBlobBytes: Int = SQLiteLedgerStore.defaultMaxBlobBytes) async throws -> any LedgerStore {
        try await make(maxBlobBytes)
    }

    static let sqlite = StoreFactory(name: "SQLite") { limit in
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "colophon-store-\(UUID().uuidString).sqlite"
        ).path
        return try SQLiteLedgerStore(path: path, maxBlobBytes: limit)
    }

    /// A store in a new schema of the database `COLOPHON_POSTGRES_URL` names (Tools/test starts a
    /// throwaway server and sets it).
    static let postgres = StoreFactory(name: "PostgreSQL", speculates: true) { limit in
        guard let url = ProcessInfo.processInfo.environment["COLOPHON_POSTGRES_URL"],
            var components = URLComponents(string: url)
        else {
            throw StorageError(
                .io,
                "COLOPHON_POSTGRES_URL is not set; Tools/test starts a PostgreSQL server and sets it"
            )
        }
        let schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "schema", value: schema)]
        // A generous connect timeout: the other suites' subprocess waits hold the test runner's
        // threads, and the timeout counts wall time.
        return try await PostgresLedgerStore(
            location: PostgresLocation(url: components.string ?? url),
            maxBlobBytes: limit,
            connectTimeout: .seconds(300)
        )
    }

    /// A second store on the same ledger, as another process would open it.
    static func sibling(of store: any LedgerStore) async throws -> any LedgerStore {
        switch store {
        case let sqlite as SQLiteLedgerStore:
            return try SQLiteLedgerStore(path: sqlite.path)
        case let postgres as PostgresLedgerStore:
            return try await PostgresLedgerStore(location: postgres.location, connectTimeout: .seconds(300))
        default:
            throw StorageError(.incompatible, "no second opening for \(type(of: store))")
        }
    }

    /// SQLite always; PostgreSQL when a server is configured, or required (`Tools/test` requires
    /// it, so a missing server fails the suite instead of skipping it).
    static let all: [StoreFactory] = {
        let environment = ProcessInfo.processInfo.environment
        let wanted = environment["COLOPHON_POSTGRES_URL"] != nil || environment["COLOPHON_REQUIRE_POSTGRES"] != nil
        return wanted ? [sqlite, postgres] : [sqlite]
    }()
}
