import ColophonRecords
import HTTPTypes
import Hummingbird
import NIOCore

/// Responses with the same canonical JSON the command line prints (`--json`).
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let json: JSONValue
        do {
            json = try JSONValue(encoding: value)
        } catch {
            throw APIError(.internalServerError, "internal", "cannot encode the answer: \(error)")
        }
        return try make(json: json, status: status)
    }

    static func make(json: JSONValue, status: HTTPResponse.Status = .ok) throws -> Response {
        let bytes: [UInt8]
        do {
            bytes = try CanonicalJSON.encode(json)
        } catch {
            throw APIError(.internalServerError, "internal", "cannot encode the answer: \(error)")
        }
        return Response(
            status: status,
            headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }

    static func bytes(
        _ bytes: [UInt8],
        type: String,
        cache: String = "no-store",
        status: HTTPResponse.Status = .ok
    ) -> Response {
        Response(
            status: status,
            headers: [.contentType: type, .cacheControl: cache],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
