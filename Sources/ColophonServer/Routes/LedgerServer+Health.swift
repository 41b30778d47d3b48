import ColophonLedger
import ColophonStorage
import Foundation
import Hummingbird
import Metrics
import Prometheus

extension LedgerServer {
    struct Health: Codable {
        var status: String
        var origin: String
        var size: UInt64
    }

    func addHealthRoutes(to router: Router<ServerContext>) {
        router.get("/") { _, _ in WebPage.response() }
        router.get("/healthz") { _, _ in
            do {
                let head = try await self.ledger.latestCheckpoint()
                return try JSONResponse.make(
                    Health(status: "ok", origin: self.ledger.configuration.origin, size: head.size)
                )
            } catch {
                throw APIError(.serviceUnavailable, "unhealthy", "the ledger's store does not answer: \(error)")
            }
        }
        router.get("/metrics") { _, _ in
            if let head = try? await self.ledger.latestCheckpoint() {
                Gauge(label: "colophon_log_size").record(Double(head.size))
            }
            return JSONResponse.bytes(self.metrics.emitToBuffer(), type: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}
