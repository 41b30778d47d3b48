import Foundation
import NIOSSL
import PostgresNIO

/// Where a PostgreSQL ledger lives: a server, a database, and the schema inside it that holds
/// the ledger's tables, read from a URL such as
/// `postgres://user:password@host:5432/database?schema=colophon&sslmode=disable`.
///
/// The schema lets several ledgers (and the test suite's throwaway stores) share one database.
public struct PostgresLocation: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String?
    public var schema: String
    public var sslMode: SSLMode

    /// How the client uses TLS, as libpq's `sslmode` names it.
    public enum SSLMode: String, Sendable {
        case disable, prefer, require
    }

    /// The schema used when the URL names none.
    public static let defaultSchema = "colophon"

    /// Reads a `postgres://` or `postgresql://` URL.
    ///
    /// - Throws: ``PostgresLocationError`` naming what is wrong with the URL.
    public init(url text: String) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
            ["postgres", "postgresql"].contains(scheme.lowercased())
        else {
            throw PostgresLocationError("\(Self.redacted(text)) is not a postgres:// URL")
        }
        guard let host = components.host, !host.isEmpty else {
            throw PostgresLocationError("\(Self.redacted(text)) names no host")
        }
        self.host = host
        self.port = components.port ?? 5432
        guard (1...65535).contains(port) else {
            throw PostgresLocationError("\(Self.redacted(text)): port \(port) is out of range")
        }
        self.username = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        self.password = components.password.flatMap { $0.removingPercentEncoding }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        self.database = path.isEmpty ? nil : path
        var schema = Self.defaultSchema
        var sslMode = SSLMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "schema":
                schema = item.value ?? ""
            case "sslmode":
                switch item.value ?? "" {
                case "disable", "allow": sslMode = .disable
                case "prefer": sslMode = .prefer
                case "require", "verify-ca", "verify-full": sslMode = .require
                default:
                    throw PostgresLocationError("\(Self.redacted(text)): unknown sslmode \(item.value ?? "")")
                }
            default:
                throw PostgresLocationError(
                    "\(Self.redacted(text)): unknown parameter \(item.name) (known: schema, sslmode)"
                )
            }
        }
        // The schema is spliced into SQL as an identifier: only plain names are accepted.
        guard Self.isPlainIdentifier(schema) else {
            throw PostgresLocationError(
                "schema \"\(schema)\" must be 1–63 lower-case letters, digits or underscores, starting with a letter"
            )
        }
        self.schema = schema
        self.sslMode = sslMode
    }

    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.utf8.count <= 63 else {
            return false
        }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// The URL without its password, for messages.
    public var description: String {
        "postgres://\(username)@\(host):\(port)/\(database ?? "")?schema=\(schema)"
    }

    /// A URL with any password replaced, for messages about a URL that did not parse.
    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? "the URL"
    }

    /// The client configuration: the ledger's schema first on the search path of every
    /// connection, so the store's SQL names its tables without a prefix.
    func clientConfiguration(maximumConnections: Int) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(.makeClientConfiguration())
        case .require: tls = .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: host,
            port: port,
            username: username,
            password: password,
            database: database,
            tls: tls
        )
        // Read committed whatever the server's default: append_state must see every append
        // committed before its lock was granted, which a transaction-wide snapshot would not.
        configuration.options.additionalStartupParameters = [
            ("search_path", schema), ("default_transaction_isolation", "read committed"),
        ]
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }
}
