import ColophonStorage
import Foundation
import Testing

/// Makes fresh stores of each implementation for the conformance suite.
struct StoreFactory: Sendable, CustomTestStringConvertible {
    let name: String
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

    static let all: [StoreFactory] = [sqlite]
}
