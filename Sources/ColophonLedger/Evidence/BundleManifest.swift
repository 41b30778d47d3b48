/// `MANIFEST.json`: what an evidence bundle holds and where, signed by the exporting key (in
/// `MANIFEST.sig`). Every other file is listed with its SHA-256; `SHA256SUMS` repeats them in
/// the form `sha256sum -c` reads.
public struct BundleManifest: Codable, Sendable {
    public static let currentFormat = "colophon-bundle/v1"

    /// The signer of the manifest: the key that made the export and its custody record.
    public struct Exporter: Codable, Sendable {
        public var keyId: String
        public var name: String
    }

    /// What the export was asked for, and why.
    public struct Scope: Codable, Sendable {
        public var kind: String
        public var value: String
        public var reason: String
    }

    /// The log the records are in, and the checkpoint every proof is against.
    public struct Log: Codable, Sendable {
        public var origin: String
        public var vkey: String
        public var size: UInt64
        /// Base64, as in the checkpoint.
        public var root: String
        public var checkpoint: String
        /// With `--since`: the requester's pinned checkpoint and the consistency proof from it.
        public var since: Since?
    }

    /// A consistency proof from an older checkpoint.
    public struct Since: Codable, Sendable {
        public var size: UInt64
        public var checkpoint: String
        public var proof: String
    }

    /// One record: its envelope file, its proof file, and where the log put it.
    public struct Record: Codable, Sendable {
        public var id: String
        public var index: UInt64
        /// When the log integrated it (RFC 3339): key states are judged at this time.
        public var integratedAt: String
        public var predicateType: String
        public var file: String
        public var proof: String
    }

    /// RFC 3161 tokens over the checkpoint and over this manifest, and the TSA's roots. The
    /// manifest's own token and request are not in ``files`` (they are made after it).
    public struct Timestamps: Codable, Sendable {
        public var authority: String
        public var roots: String
        public var checkpoint: String
        public var checkpointRequest: String
        public var manifest: String
        public var manifestRequest: String
        /// The time of the checkpoint's token, as the TSA stated it.
        public var checkpointTime: String
    }

    /// One file of the bundle.
    public struct File: Codable, Sendable {
        public var path: String
        public var sha256: String
        public var size: Int
    }

    public var format: String
    public var createdAt: String
    public var tool: String
    public var exporter: Exporter
    public var scope: Scope
    public var log: Log
    /// The `custody` record of this export.
    public var custody: String
    /// The file whose SHA-256 the custody record names: every record and blob with its digest.
    public var contents: String
    /// Committed fields whose openings were withheld from this bundle.
    public var redacted: [String]
    public var timestamps: Timestamps?
    public var records: [Record]
    public var files: [File]
}
