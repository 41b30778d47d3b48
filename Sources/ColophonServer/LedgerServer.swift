public import ColophonLedger
import Foundation
import Hummingbird
public import Logging
import Metrics
import NIOCore
import Prometheus
import Synchronization

/// `colophon serve`: the ledger over HTTP. Generators submit signed records; publishers and the
/// public look records up and verify images; monitors and witnesses read the checkpoint and
/// tiles exactly as C2SP tlog-tiles lays them out.
///
/// Several servers may share one PostgreSQL ledger: the database orders their appends.
public final class LedgerServer: Sendable {
    public let ledger: Ledger
    public let configuration: ServerConfiguration
    let sequencer: AppendSequencer
    let logger: Logger
    let metrics: PrometheusCollectorRegistry
    let tiles = TileCache()
    let keyLimiter: RateLimiter
    let addressLimiter: RateLimiter
    let witnessing: WitnessCoordinator?
    /// Verifications in flight.
    let verifying = Mutex(0)

    public init(ledger: Ledger, configuration: ServerConfiguration, logger: Logger) {
        self.ledger = ledger
        self.configuration = configuration
        self.sequencer = AppendSequencer(ledger: ledger)
        self.logger = logger
        self.metrics = PrometheusCollectorRegistry()
        self.keyLimiter = RateLimiter(rate: configuration.submissionsPerKey)
        self.addressLimiter = RateLimiter(rate: configuration.requestsPerAddress)
        self.witnessing = configuration.witnessPolicy.map {
            WitnessCoordinator(ledger: ledger, policy: $0, logger: logger)
        }
    }

    /// Serves until SIGTERM or SIGINT, then stops accepting connections and finishes the
    /// requests in flight: every submission answered as accepted is in the log.
    ///
    /// - Parameter onListening: called with the bound port once the server accepts connections.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics))
        let application = Application(
            router: router(),
            server: .http1(configuration: .init(idleTimeout: .seconds(configuration.idleTimeoutSeconds))),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: "colophon"
            ),
            onServerRunning: { [logger, ledger, configuration] channel in
                logger.info(
                    "serving",
                    metadata: [
                        "origin": "\(ledger.configuration.origin)",
                        "address": "\(configuration.host):\(channel.localAddress?.port ?? 0)",
                        "store": "\(type(of: ledger.store))",
                        "witnessed": "\(configuration.witnessPolicy != nil)",
                    ]
                )
                await onListening(channel.localAddress?.port ?? 0)
            },
            logger: logger
        )
        let witnessing = self.witnessing.map { coordinator in Task { await coordinator.run() } }
        defer { witnessing?.cancel() }
        try await application.runService()
        logger.info("stopped; every accepted submission is in the log")
    }

    func router() -> Router<ServerContext> {
        let router = Router(context: ServerContext.self)
        router.add(middleware: RequestMetricsMiddleware())
        if configuration.accessLog {
            router.add(middleware: LogRequestsMiddleware(.info))
        }
        router.add(middleware: JSONErrorMiddleware())
        addRecordRoutes(to: router)
        addLogRoutes(to: router)
        addLookupRoutes(to: router)
        addHealthRoutes(to: router)
        return router
    }

    /// Charges the client's address for an expensive request, or answers 429.
    func chargeAddress(_ context: ServerContext, cost: Double = 1) throws {
        if let wait = addressLimiter.spend(context.clientAddress, cost: cost) {
            throw APIError(
                .tooManyRequests,
                "rate-limited",
                "too many requests from \(context.clientAddress); retry in \(Int(wait.rounded(.up))) s",
                headers: [.retryAfter: String(Int(wait.rounded(.up)))]
            )
        }
    }
}
