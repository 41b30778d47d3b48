import Foundation
import Testing

/// The PostgreSQL server the tests use: `COLOPHON_POSTGRES_URL` (Tools/test starts a throwaway
/// one and sets it, with `COLOPHON_REQUIRE_POSTGRES` so that a missing server fails the tests
/// instead of skipping them).
enum PostgresTestServer {
    static let url = ProcessInfo.processInfo.environment["COLOPHON_POSTGRES_URL"]
    static let isWanted = url != nil || ProcessInfo.processInfo.environment["COLOPHON_REQUIRE_POSTGRES"] != nil

    /// The server's URL with a schema of its own, so tests never see each other's logs.
    static func freshURL() throws -> String {
        let url = try #require(
            url,
            "COLOPHON_POSTGRES_URL is not set; Tools/test starts a PostgreSQL server and sets it"
        )
        var components = try #require(URLComponents(string: url))
        let schema = "cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "schema", value: schema)]
        return try #require(components.string)
    }
}
