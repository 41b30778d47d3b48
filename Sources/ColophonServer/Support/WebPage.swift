import ColophonCrypto
import ColophonRecords
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The verification page: one file with its style and script inline, served with a content
/// security policy that allows exactly that style and that script (by their SHA-256) and
/// requests to this server only — nothing from elsewhere, ever.
enum WebPage {
    static let bytes = PackageResources.index_html

    static let policy: String = {
        let text = String(decoding: bytes, as: UTF8.self)
        func hash(between open: String, and close: String) -> String {
            guard let start = text.range(of: open),
                let end = text.range(of: close, range: start.upperBound..<text.endIndex)
            else { return "'none'" }
            let body = Array(text[start.upperBound..<end.lowerBound].utf8)
            return "'sha256-" + Base64.encode(SHA256.hash(body).bytes) + "'"
        }
        return [
            "default-src 'none'",
            "script-src " + hash(between: "<script>", and: "</script>"),
            "style-src " + hash(between: "<style>", and: "</style>"),
            "connect-src 'self'",
            "img-src 'self' data:",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ].joined(separator: "; ")
    }()

    static func response() -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .cacheControl: "public, max-age=300",
                .contentSecurityPolicy: policy,
                .xContentTypeOptions: "nosniff",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
