import ArgumentParser
import ColophonLedger
import ColophonLog
import ColophonServer
import Foundation
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the ledger over HTTP: record submission, lookup, verification, proofs, tiles.",
        discussion: """
            Routes: POST /v1/records (a DSSE envelope, or an array; ?wait=true adds the tlog-proof), GET /v1/records/{id}, GET /v1/blobs/{digest}, GET /v1/lookup?sha256=|pixels=|pdq=|artist=|lora=, POST /v1/verify (an image or a CBZ), GET /checkpoint and /tile/... (C2SP tlog-tiles), GET /v1/proof/inclusion?id=&size=, GET /v1/proof/consistency?old=&new=, /healthz, /metrics. The OpenAPI document is Schemas/openapi.yaml.

            Prints "listening on http://HOST:PORT" once it accepts connections. SIGTERM or SIGINT stops it gracefully: no new connections, requests in flight finish, and every submission answered as accepted is in the log. Serve plain HTTP on loopback and put TLS in a reverse proxy in front (docs/server.md). Several servers may share one ledger in PostgreSQL (init --postgres).
            """
    )

    @OptionGroup var options: LedgerOptions

    @Option(help: ArgumentHelp("Logs on standard error: text lines, or one JSON object per line.", valueName: "format"))
    var logFormat = LogFormat.text

    @Flag(help: "Log every request (method, path, request id) at info level.")
    var accessLog = false

    @Option(help: ArgumentHelp("The address to listen on.", valueName: "host"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to listen on; 0 picks a free one.", valueName: "port"))
    var port = 8080

    @Option(
        help: ArgumentHelp(
            "A file of bearer tokens (one per line) that may submit records; without it, signatures alone decide.",
            discussion: "Also read from $COLOPHON_WRITE_TOKENS (comma-separated).",
            valueName: "file"
        )
    )
    var tokenFile: String?

    @Option(
        help: ArgumentHelp("Submissions per second per signing key (burst: twice that, at least 2).", valueName: "n")
    )
    var ratePerKey: Double = 20_000

    @Option(help: ArgumentHelp("Write and verify requests per second per client address.", valueName: "n"))
    var ratePerAddress: Double = 20_000

    @Option(help: ArgumentHelp("The largest submission body, in KiB.", valueName: "KiB"))
    var maxBodyKib = 1024

    @Option(help: ArgumentHelp("Close a connection idle (or sending its request) this long.", valueName: "seconds"))
    var idleSeconds = 30

    @Option(help: ArgumentHelp("How long ?wait=true waits for a published checkpoint.", valueName: "seconds"))
    var waitSeconds = 10

    @Option(
        help: ArgumentHelp(
            "A tlog-policy naming witnesses (with URLs) and a quorum: checkpoints are published only once cosigned by it.",
            valueName: "file"
        )
    )
    var witnessPolicy: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        guard ratePerKey > 0, ratePerAddress > 0 else { throw ValidationError("rates must be positive") }
        guard (1...65536).contains(maxBodyKib) else { throw ValidationError("--max-body-kib must be 1…65536") }
        guard (1...300).contains(waitSeconds) else { throw ValidationError("--wait-seconds must be 1…300") }
        guard (1...3600).contains(idleSeconds) else { throw ValidationError("--idle-seconds must be 1…3600") }
    }

    func run() async throws {
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.writeTokens = try tokens()
        configuration.submissionsPerKey = ratePerKey
        configuration.requestsPerAddress = ratePerAddress
        configuration.maxSubmissionBytes = maxBodyKib << 10
        configuration.waitTimeoutSeconds = waitSeconds
        configuration.idleTimeoutSeconds = Int64(idleSeconds)
        configuration.accessLog = accessLog
        let ledger = try await options.open()
        if let witnessPolicy {
            let policy = try Self.readPolicy(witnessPolicy)
            guard policy.logs.contains(where: { $0.verifier.vkey == ledger.verifier.vkey }) else {
                throw Failure(
                    Failure.usage,
                    "\(witnessPolicy) does not trust this log (add: log \(ledger.verifier.vkey))"
                )
            }
            guard !policy.witnesses.isEmpty, policy.witnesses.values.allSatisfy({ $0.url != nil }) else {
                throw Failure(Failure.usage, "\(witnessPolicy) must name witnesses, each with its URL")
            }
            configuration.witnessPolicy = policy
        }
        logFormat.bootstrap()
        let server = LedgerServer(ledger: ledger, configuration: configuration, logger: Logger(label: "colophon.serve"))
        let host = self.host
        let json = options.json
        try await server.run { port in
            if json {
                Terminal.out(#"{"url":"http://\#(host):\#(port)","port":\#(port)}"#)
            } else {
                Terminal.out("listening on http://\(host):\(port)")
            }
        }
    }

    /// Synchronous: typed-throws calls inside an async function crashed the release build's
    /// coroutine splitting.
    private static func readPolicy(_ path: String) throws -> TlogPolicy {
        do {
            return try TlogPolicy(parsing: InputFile.readText(path, limit: 1 << 20, what: "policy"))
        } catch let error as LogError {
            throw Failure(Failure.usage, "\(path): \(error.reason)")
        }
    }

    private func tokens() throws -> Set<String> {
        var tokens = Set(
            (ProcessInfo.processInfo.environment["COLOPHON_WRITE_TOKENS"] ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
        )
        if let tokenFile {
            let text = try InputFile.readText(tokenFile, limit: 1 << 20, what: "token file")
            for line in text.split(whereSeparator: \.isNewline) {
                let token = line.trimmingCharacters(in: .whitespaces)
                if !token.isEmpty && !token.hasPrefix("#") { tokens.insert(token) }
            }
            guard !tokens.isEmpty else { throw Failure(Failure.usage, "\(tokenFile) holds no token") }
        }
        return tokens
    }
}
