import ColophonCrypto
import ColophonLedger
import ColophonLog
import ColophonRecords
import ColophonStorage
import Foundation
import Hummingbird

extension LedgerServer {
    /// A consistency proof between two checkpoints, as `GET /v1/proof/consistency` answers.
    struct Consistency: Codable {
        var old: UInt64
        var new: UInt64
        var oldRoot: String
        var newRoot: String
        /// Base64 hashes, in RFC 9162 order.
        var proof: [String]
    }

    func addLogRoutes(to router: Router<ServerContext>) {
        router.get("/checkpoint") { _, _ in
            let note = try await self.publishedCheckpoint().note
            return JSONResponse.bytes(Array(note.utf8), type: "text/plain; charset=utf-8")
        }
        router.get("/tile/**") { _, context in
            let path = "tile/" + context.parameters.getCatchAll().joined(separator: "/")
            return try await self.tile(path)
        }
        router.get("/v1/proof/inclusion") { request, _ in
            let query = request.uri.queryParameters
            guard let text = query.get("id"), let id = RecordID(text) ?? RecordID("sha256:" + text) else {
                throw APIError.badRequest("id must be a record id (sha256:<64 hex>)")
            }
            let size = try Self.size(query.get("size"), name: "size")
            // The ledger's notFound and badInput become 404 and 400 in JSONErrorMiddleware.
            let proof = try await self.ledger.inclusionProof(for: id, size: size)
            return JSONResponse.bytes(Array(proof.text.utf8), type: "text/plain; charset=utf-8")
        }
        router.get("/v1/proof/consistency") { request, _ in
            let query = request.uri.queryParameters
            guard let old = try Self.size(query.get("old"), name: "old"),
                let new = try Self.size(query.get("new"), name: "new")
            else {
                throw APIError.badRequest("give old and new checkpoint sizes")
            }
            guard old <= new else { throw APIError.badRequest("old (\(old)) is larger than new (\(new))") }
            let size = try await self.ledger.latestCheckpoint().size
            guard new <= size else { throw APIError.notFound("the log has \(size) entries, not \(new)") }
            let (oldRoot, newRoot, proof) = try await self.ledger.consistencyProof(from: old, to: new)
            return try JSONResponse.make(
                Consistency(
                    old: old,
                    new: new,
                    oldRoot: Base64.encode(oldRoot.bytes),
                    newRoot: Base64.encode(newRoot.bytes),
                    proof: proof.map { Base64.encode($0.bytes) }
                )
            )
        }
    }

    /// The checkpoint clients are shown: with witnesses, the newest one that met the quorum,
    /// cosignatures included; without, the newest one.
    func publishedCheckpoint() async throws -> (size: UInt64, note: String) {
        guard let witnessing else {
            let head = try await ledger.latestCheckpoint()
            return (head.size, head.note)
        }
        guard let latest = witnessing.latest else {
            throw APIError(.serviceUnavailable, "not-witnessed", "no checkpoint has met the witness quorum yet")
        }
        return latest
    }

    /// A checkpoint size from a query value: decimal digits only.
    static func size(_ text: String?, name: String) throws -> UInt64? {
        guard let text else { return nil }
        guard text.count <= 19, text.allSatisfy(\.isASCII), let value = UInt64(text), String(value) == text,
            value <= UInt64(Int64.max)
        else {
            throw APIError.badRequest("\(name) must be a decimal size below 2^63, got \(quoted(text))")
        }
        return value
    }

    /// A hash tile or entry bundle. Paths the tlog-tiles encoding could not produce are refused
    /// before anything is read; full tiles are cached and marked immutable.
    private func tile(_ path: String) async throws -> Response {
        let parsed: TilePath.Parsed
        do {
            parsed = try TilePath.parse(path)
        } catch {
            throw APIError.badRequest(error.reason)
        }
        let full = parsed.width == TilePath.width
        if full, let cached = tiles.get(path) {
            return JSONResponse.bytes(cached, type: "application/octet-stream", cache: Self.immutable)
        }
        let size = try await ledger.latestCheckpoint().size
        guard let bytes = try await ledger.tile(parsed, logSize: size) else {
            throw APIError.notFound("\(path) is beyond the log's \(size) entries")
        }
        if full { tiles.put(path, bytes) }
        return JSONResponse.bytes(
            bytes,
            type: "application/octet-stream",
            cache: full ? Self.immutable : "public, max-age=5"
        )
    }
}
