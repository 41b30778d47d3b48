public import ColophonCrypto
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An RFC 3161 time-stamping authority: where to ask, and the root certificates its tokens
/// must chain to. Configured with `colophon tsa URL --roots FILE`.
public struct TimestampAuthority: Codable, Hashable, Sendable {
    public var url: String
    /// PEM certificates: the only trust anchors for its tokens.
    public var roots: String

    public init(url: String, roots: String) {
        self.url = url
        self.roots = roots
    }

    /// What the authority answered, checked.
    public struct Token: Sendable {
        public var request: [UInt8]
        public var response: [UInt8]
        /// The token's time, as OpenSSL prints it.
        public var time: String
    }

    /// The largest answer accepted.
    static let maxResponseBytes = 1 << 20

    /// Asks for a token over `digest`, and verifies the answer (signature, chain, imprint and
    /// nonce) before returning it.
    ///
    /// - Throws: ``LedgerError`` `.badInput` for an unusable URL, `.invalid` for an answer that
    ///   does not verify, `.internalError` when the authority cannot be reached.
    public func timestamp(_ digest: SHA256Digest) async throws -> Token {
        guard let endpoint = URL(string: url), ["http", "https"].contains(endpoint.scheme ?? "") else {
            throw LedgerError(.badInput, "the TSA URL \(url) is not an http(s) URL")
        }
        let request = try TimestampRequest.make(sha256: digest)
        var call = URLRequest(url: endpoint, timeoutInterval: 30)
        call.httpMethod = "POST"
        call.setValue("application/timestamp-query", forHTTPHeaderField: "Content-Type")
        let (data, answer): (Data, URLResponse)
        do {
            (data, answer) = try await URLSession.shared.upload(for: call, from: Data(request))
        } catch {
            throw LedgerError(.internalError, "the TSA at \(url) cannot be reached: \(error.localizedDescription)")
        }
        guard let http = answer as? HTTPURLResponse, http.statusCode == 200 else {
            let status = (answer as? HTTPURLResponse)?.statusCode ?? 0
            throw LedgerError(.internalError, "the TSA at \(url) answered with HTTP status \(status)")
        }
        guard data.count <= Self.maxResponseBytes else {
            throw LedgerError(.invalid, "the TSA's answer is over \(Self.maxResponseBytes) bytes")
        }
        let response = Array(data)
        do {
            let time = try TimestampVerifier.verify(response: response, request: request, roots: roots)
            return Token(request: request, response: response, time: time)
        } catch {
            throw LedgerError(.invalid, "the TSA's token does not verify: \(error)")
        }
    }
}
