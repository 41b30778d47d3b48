public import Foundation

/// The files of a ledger folder (`.colophon` by default).
public struct LedgerDirectory: Sendable, Hashable {
    public let root: URL

    public init(_ path: String) {
        root = URL(fileURLWithPath: path).standardizedFileURL
    }

    public var configuration: URL { root.appendingPathComponent("config.json") }
    /// The log's checkpoint signing key, in signed-note private key form.
    public var logKey: URL { root.appendingPathComponent("log.key") }
    /// The log's verifier key (public).
    public var logVKey: URL { root.appendingPathComponent("log.vkey") }
    public var keys: URL { root.appendingPathComponent("keys") }
    public var database: URL { root.appendingPathComponent("ledger.sqlite") }

    /// The private key file of a named key.
    public func privateKey(named name: String) -> URL {
        keys.appendingPathComponent("\(name).pem")
    }

    public var exists: Bool {
        FileManager.default.fileExists(atPath: configuration.path)
    }
}
