import ColophonRecords
public import Foundation

/// The ledger folder's `config.json`.
public struct LedgerConfiguration: Codable, Hashable, Sendable {
    /// The configuration format version.
    public var version: Int
    /// The log's origin: the name in its checkpoints and the key name of its vkey.
    public var origin: String
    public var createdAt: String
    /// The key used when a command is not told which one to sign with.
    public var defaultKey: String?
    /// A PostgreSQL URL, when the records live there instead of in `ledger.sqlite`.
    public var postgres: String?
    /// The RFC 3161 authority that timestamps evidence bundles, when one is configured.
    public var timestampAuthority: TimestampAuthority?

    public init(origin: String, createdAt: Date, defaultKey: String? = nil, postgres: String? = nil) {
        self.version = 1
        self.origin = origin
        self.createdAt = RFC3339.format(createdAt)
        self.defaultKey = defaultKey
        self.postgres = postgres
    }
}
