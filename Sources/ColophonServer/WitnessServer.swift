public import ColophonLog
import Foundation
import HTTPTypes
import Hummingbird
public import Logging
import NIOCore

/// `colophon witness serve`: a C2SP tlog-witness over HTTP. `POST /add-checkpoint` answers as
/// the specification says (200 with cosignature lines, 400, 403, 404, 409 with the witness's
/// size, 422); `GET /healthz` says which logs it witnesses.
public final class WitnessServer: Sendable {
    public let witness: Witness
    let host: String
    let port: Int
    let logger: Logger

    public init(witness: Witness, host: String, port: Int, logger: Logger) {
        self.witness = witness
        self.host = host
        self.port = port
        self.logger = logger
    }

    /// Serves until SIGTERM or SIGINT; `onListening` gets the bound port.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let router = Router(context: ServerContext.self)
        router.add(middleware: LogRequestsMiddleware(.info))
        router.post("/add-checkpoint") { request, _ in
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: AddCheckpointRequest.maximumBytes)
            } catch is NIOTooManyBytesError {
                return Self.text(400, "the request exceeds \(AddCheckpointRequest.maximumBytes) bytes\n")
            }
            let reply = self.witness.addCheckpoint(Array(body.readableBytesView))
            return Self.text(reply.status, reply.body, type: reply.contentType)
        }
        router.get("/healthz") { _, _ in
            let origins = self.witness.logs.map(\.name).sorted().joined(separator: "\n")
            return Self.text(200, "witness \(self.witness.signer.verifier.vkey)\n" + origins + "\n")
        }
        let application = Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .seconds(30))),
            configuration: .init(address: .hostname(host, port: port), serverName: "colophon-witness"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        try await application.runService()
    }

    static func text(_ status: Int, _ body: String, type: String = "text/plain; charset=utf-8") -> Response {
        Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: type, .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: body))
        )
    }
}
