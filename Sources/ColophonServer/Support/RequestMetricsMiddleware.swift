import Dispatch
import HTTPTypes
import Hummingbird
import Metrics
import Synchronization

/// Counts requests and times them per route, method and status, under the labels Hummingbird's
/// own metrics middleware uses.
///
/// Hummingbird's version wraps every response body to time the write, which turns a one-buffer
/// body into a streamed one: head and body then go out in separate writes, each handed to the
/// event loop on its own. Here a response is timed when the handler returns it, and is sent
/// in one write.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    private struct Route: Hashable {
        let path: String
        let method: HTTPRequest.Method
        let status: HTTPResponse.Status
    }

    private struct Instruments: Sendable {
        let requests: Counter
        let errors: Counter
        let duration: Timer
    }

    private final class Cache: Sendable {
        let routes = Mutex<[Route: Instruments]>([:])
        let active = Mutex<[HTTPRequest.Method: Meter]>([:])
    }

    private let cache = Cache()

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        let active = meter(request.method)
        active.increment()
        defer { active.decrement() }
        do {
            let response = try await next(request, context)
            let route = instruments(
                Route(path: context.endpointPath ?? "Unknown", method: request.method, status: response.status)
            )
            route.requests.increment()
            route.duration.recordNanoseconds(DispatchTime.now().uptimeNanoseconds - started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            let route = instruments(
                Route(path: context.endpointPath ?? "NotFound", method: request.method, status: status)
            )
            route.requests.increment()
            route.errors.increment()
            throw error
        }
    }

    private func meter(_ method: HTTPRequest.Method) -> Meter {
        cache.active.withLock { meters in
            if let meter = meters[method] { return meter }
            let meter = Meter(
                label: "http.server.active_requests",
                dimensions: [("http.request.method", method.rawValue)]
            )
            meters[method] = meter
            return meter
        }
    }

    private func instruments(_ route: Route) -> Instruments {
        cache.routes.withLock { routes in
            if let found = routes[route] { return found }
            let dimensions = [
                ("http.route", route.path),
                ("http.request.method", route.method.rawValue),
                ("http.response.status_code", String(route.status.code)),
            ]
            let made = Instruments(
                requests: Counter(label: "hb.requests", dimensions: dimensions),
                errors: Counter(
                    label: "hb.request.errors",
                    dimensions: Array(dimensions.prefix(2)) + [("error.type", String(route.status.code))]
                ),
                duration: Timer(
                    label: "http.server.request.duration",
                    dimensions: dimensions,
                    preferredDisplayUnit: .seconds
                )
            )
            routes[route] = made
            return made
        }
    }
}
