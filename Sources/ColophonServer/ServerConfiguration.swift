public import ColophonLog
public import ColophonMedia

/// How `colophon serve` listens and what it allows.
public struct ServerConfiguration: Sendable {
    /// The address to bind; loopback by default (TLS belongs to a reverse proxy in front).
    public var host: String = "127.0.0.1"
    /// The port; 0 picks a free one, reported once the server listens.
    public var port: Int = 8080
    /// Bearer tokens that may submit records. Empty: signatures alone decide.
    public var writeTokens: Set<String> = []
    /// The largest record submission body.
    public var maxSubmissionBytes: Int = 1 << 20
    /// The most envelopes one submission may carry.
    public var maxEnvelopesPerSubmission: Int = 1000
    /// The largest image or CBZ `POST /v1/verify` accepts.
    public var maxVerifyBytes: Int = 256 << 20
    /// How many verifications run at once; more get 503 (each may hold an upload and a
    /// decompressed comic in memory).
    public var maxConcurrentVerifies: Int = 2
    /// What an uploaded comic may expand to: well under the command line's limits, since a
    /// server verifies what strangers send.
    public var comicLimits = ComicArchiveLimits.upload
    /// Submissions per second per signing key, with a burst of twice that (at least 2).
    public var submissionsPerKey: Double = 20_000
    /// Write and verify requests per second per client address, with a burst of twice that (at least 2).
    public var requestsPerAddress: Double = 20_000
    /// How long a connection may sit idle (or dribble a request) before it is closed.
    public var idleTimeoutSeconds: Int64 = 30
    /// How long `?wait=true` waits for a checkpoint that covers the record.
    public var waitTimeoutSeconds: Int = 10

    /// Whether every request is logged (method, path, request id) at info level.
    public var accessLog: Bool = false
    /// Witnesses whose cosignatures each checkpoint needs before it is published (the
    /// policy's quorum), with their URLs; `nil` publishes every checkpoint at once.
    public var witnessPolicy: TlogPolicy?

    public init() {}
}
