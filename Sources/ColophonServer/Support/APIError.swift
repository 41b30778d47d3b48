import ColophonRecords
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An error answered as JSON: `{"error": {"status": 400, "code": "bad-request", "message": "…"}}`,
/// so clients get the same shape from every route and every failure.
struct APIError: HTTPResponseError {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, "bad-request", message) }
    static func notFound(_ message: String) -> APIError { APIError(.notFound, "not-found", message) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let document: JSONValue = .object([
            "error": .object([
                "status": .number(Double(status.code)),
                "code": .string(code),
                "message": .string(message),
            ])
        ])
        let bytes = (try? CanonicalJSON.encode(document)) ?? Array(#"{"error":{}}"#.utf8)
        var fields = headers
        fields[.contentType] = "application/json"
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
