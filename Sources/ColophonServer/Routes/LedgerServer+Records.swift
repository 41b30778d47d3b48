import ColophonCrypto
import ColophonLedger
import ColophonLog
import ColophonRecords
import ColophonReports
import ColophonStorage
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import NIOCore

extension LedgerServer {
    /// What `POST /v1/records` answers for each envelope.
    struct Submitted {
        var recordId: String
        var index: UInt64
        var new: Bool
        var signers: [String]
        /// With `?wait=true`: a c2sp.org/tlog-proof@v1 of the record against a checkpoint.
        var proof: String?

        /// Built directly rather than through `Encodable`, which cost a server a few percent of
        /// its time at one answer per submission.
        var json: JSONValue {
            var members: [String: JSONValue] = [
                "recordId": .string(recordId),
                "index": .number(Double(index)),
                "new": .bool(new),
                "signers": .array(signers.map(JSONValue.string)),
            ]
            if let proof { members["proof"] = .string(proof) }
            return .object(members)
        }
    }

    func addRecordRoutes(to router: Router<ServerContext>) {
        router.post("/v1/records") { request, context in
            try await self.submit(request, context: context)
        }
        router.get("/v1/records/:id") { _, context in
            let text = Self.pathValue(context.parameters.get("id"))
            guard let id = RecordID(text) ?? RecordID("sha256:" + text) else {
                throw APIError.badRequest("\(Self.quoted(text)) is not a record id (sha256:<64 hex>)")
            }
            let record: LedgerRecord
            do {
                record = try await self.ledger.record(id)
            } catch let error as LedgerError where error.code == .notFound {
                throw APIError.notFound("no record \(id) in this log")
            }
            return try JSONResponse.make(RecordReport(record, includeEnvelope: true))
        }
        router.get("/v1/blobs/:digest") { _, context in
            let text = Self.pathValue(context.parameters.get("digest")).lowercased()
            let hex = text.hasPrefix("sha256:") ? String(text.dropFirst(7)) : text
            guard let digest = SHA256Digest(hex: hex) else {
                throw APIError.badRequest("\(Self.quoted(text)) is not a SHA-256 digest (64 hex digits)")
            }
            guard let bytes = try await self.ledger.store.blob(digest) else {
                throw APIError.notFound("no blob sha256:\(hex)")
            }
            return JSONResponse.bytes(bytes, type: "application/octet-stream", cache: Self.immutable)
        }
    }

    static let immutable = "public, max-age=31536000, immutable"

    /// A path segment as the client meant it: clients may percent-encode the colon of
    /// `sha256:`.
    static func pathValue(_ raw: String?) -> String {
        let raw = raw ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    /// At most 64 characters of client text in a message, printable only.
    static func quoted(_ text: String) -> String {
        let shown = text.unicodeScalars.prefix(64).map {
            $0.properties.isWhitespace || $0.value < 0x20 ? " " : Character($0)
        }
        return "\"" + String(shown) + (text.unicodeScalars.count > 64 ? "…" : "") + "\""
    }

    private func submit(_ request: Request, context: ServerContext) async throws -> Response {
        try authorize(request)
        let wait = request.uri.queryParameters.get("wait")
        guard wait == nil || wait == "true" || wait == "false" else {
            throw APIError.badRequest("wait must be true or false")
        }

        try chargeAddress(context)
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: configuration.maxSubmissionBytes)
        } catch is NIOTooManyBytesError {
            throw APIError(
                .contentTooLarge,
                "too-large",
                "a submission holds at most \(configuration.maxSubmissionBytes) bytes"
            )
        }
        let bytes = Array(body.readableBytesView)
        let envelopes = try parseEnvelopes(bytes)
        let results: [AppendResult]
        do {
            results = try await sequencer.append(envelopes) { [keyLimiter] verified in
                // Charged only for signatures that verified: a claimed key id costs nothing.
                var counts: [String: Int] = [:]
                for keyID in verified { counts[keyID, default: 0] += 1 }
                for (keyID, count) in counts.sorted(by: { $0.key < $1.key }) {
                    if let wait = keyLimiter.spend(keyID, cost: Double(count)) {
                        throw APIError(
                            .tooManyRequests,
                            "rate-limited",
                            "too many submissions signed by key \(keyID.prefix(16)); retry in \(Int(wait.rounded(.up))) s",
                            headers: [.retryAfter: String(Int(wait.rounded(.up)))]
                        )
                    }
                }
            }
        } catch let error as LedgerError {
            Counter(label: "colophon_submissions_rejected_total").increment()
            logger.notice(
                "submission refused",
                metadata: ["client": "\(context.clientAddress)", "reason": "\(error.reason)"]
            )
            switch error.code {
            case .badInput: throw APIError.badRequest(error.reason)
            case .invalid, .notFound: throw APIError(.unprocessableContent, "rejected", error.reason)
            case .storage, .internalError: throw APIError(.serviceUnavailable, "storage", error.reason)
            }
        }
        Counter(label: "colophon_submissions_accepted_total").increment(by: results.filter(\.isNew).count)
        var answers: [Submitted] = []
        for result in results {
            var proof: String?
            if wait == "true" {
                proof = try await waitForProof(result.recordID, index: result.index)
            }
            answers.append(
                Submitted(
                    recordId: result.recordID.description,
                    index: result.index,
                    new: result.isNew,
                    signers: result.verdict.signatures.map(\.keyID),
                    proof: proof
                )
            )
        }
        let status: HTTPResponse.Status = results.contains(where: \.isNew) ? .created : .ok
        if envelopes.count == 1, !Self.isArray(bytes), let answer = answers.first {
            return try JSONResponse.make(json: answer.json, status: status)
        }
        return try JSONResponse.make(json: .array(answers.map(\.json)), status: status)
    }

    /// Waits, within the configured bound, for a published checkpoint that covers the record at
    /// `index`, and proves the record against it. Without witnesses every append signs such a
    /// checkpoint; with them, the wait is for the quorum's cosignatures.
    private func waitForProof(_ id: RecordID, index: UInt64) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(configuration.waitTimeoutSeconds)
        while true {
            if let published = try? await publishedCheckpoint(), published.size > index {
                var proof = try await ledger.inclusionProof(for: id, size: published.size)
                proof.checkpointNote = published.note
                return proof.text
            }
            guard ContinuousClock.now < deadline else {
                throw APIError(
                    .serviceUnavailable,
                    "not-witnessed",
                    "no published checkpoint covers \(id) within \(configuration.waitTimeoutSeconds) s (the record is in the log at \(index))"
                )
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    private func authorize(_ request: Request) throws {
        guard !configuration.writeTokens.isEmpty else { return }
        let header = request.headers[.authorization] ?? ""
        let token = header.hasPrefix("Bearer ") ? String(header.dropFirst(7)) : ""
        // Compared in constant time against each token, so timing says nothing about them.
        let matches = configuration.writeTokens.reduce(false) { found, candidate in
            found || Self.constantTimeEqual(Array(candidate.utf8), Array(token.utf8))
        }
        guard matches else {
            throw APIError(
                .unauthorized,
                "unauthorized",
                "submitting records needs a bearer token (Authorization: Bearer …)",
                headers: [.wwwAuthenticate: "Bearer realm=\"colophon\""]
            )
        }
    }

    static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            difference |= a ^ b
        }
        return difference == 0
    }

    static func isArray(_ bytes: [UInt8]) -> Bool {
        bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "[")
    }

    /// One DSSE envelope, or a JSON array of them.
    private func parseEnvelopes(_ bytes: [UInt8]) throws -> [Envelope] {
        guard !bytes.isEmpty else { throw APIError.badRequest("the body is empty; send a DSSE envelope") }
        if Self.isArray(bytes) {
            let value: JSONValue
            do {
                value = try JSONParser().parse(bytes)
            } catch {
                throw APIError.badRequest("the body is not JSON: \(error)")
            }
            let items = value.arrayValue ?? []
            guard !items.isEmpty else { throw APIError.badRequest("the array holds no envelope") }
            guard items.count <= configuration.maxEnvelopesPerSubmission else {
                throw APIError.badRequest(
                    "a submission holds at most \(configuration.maxEnvelopesPerSubmission) envelopes, not \(items.count)"
                )
            }
            return try items.enumerated().map { position, item in
                do {
                    return try Envelope(jsonBytes: CanonicalJSON.encode(item))
                } catch {
                    throw APIError.badRequest("envelope \(position + 1): \(error)")
                }
            }
        }
        do {
            return [try Envelope(jsonBytes: bytes)]
        } catch {
            throw APIError.badRequest("the body is not a DSSE envelope: \(error)")
        }
    }
}
