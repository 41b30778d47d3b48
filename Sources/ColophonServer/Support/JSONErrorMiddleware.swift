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
}
