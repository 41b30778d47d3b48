import ColophonLedger
import HTTPTypes
import Hummingbird

/// Turns every failure into the JSON error shape of ``APIError``: Hummingbird's own (unknown
/// route, bad method), the ledger's, and anything unexpected — a client never gets an empty or
/// HTML error, and an internal failure never shows more than its message.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            if error.status == .notFound, let allowed = Self.allowedMethods(request.uri.path) {
                throw APIError(
                    .methodNotAllowed,
                    "method-not-allowed",
                    "\(request.method.rawValue) is not allowed on \(request.uri.path); use \(allowed)",
                    headers: [.allow: allowed]
                )
            }
            let code = error.status == .notFound ? "not-found" : error.status.code < 500 ? "bad-request" : "internal"
            throw APIError(error.status, code, error.body ?? error.status.reasonPhrase, headers: error.headers)
        } catch let error as LedgerError {
            switch error.code {
            case .badInput: throw APIError.badRequest(error.reason)
            case .notFound: throw APIError.notFound(error.reason)
            case .invalid: throw APIError(.unprocessableContent, "invalid", error.reason)
            case .storage: throw APIError(.serviceUnavailable, "storage", error.reason)
            case .internalError: throw APIError(.internalServerError, "internal", error.reason)
            }
        } catch {
            throw APIError(.internalServerError, "internal", "\(error)")
        }
    }

    /// The methods a known path answers, for a 405 instead of a 404 when only the method is
    /// wrong; `nil` for a path no route serves.
    static func allowedMethods(_ path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        switch (parts.first, parts.count) {
        case ("tile", 3...): return "GET"
        case ("", 1), ("checkpoint", 1), ("healthz", 1), ("metrics", 1): return "GET"
        case ("v1", _):
            let rest = Array(parts.dropFirst())
            switch (rest.first, rest.count) {
            case ("records", 1), ("verify", 1): return "POST"
            case ("records", 2), ("blobs", 2), ("lookup", 1): return "GET"
            case ("proof", 2) where rest[1] == "inclusion" || rest[1] == "consistency": return "GET"
            default: return nil
            }
        default: return nil
        }
    }
}
