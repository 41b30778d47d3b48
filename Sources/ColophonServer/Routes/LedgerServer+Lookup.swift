import ColophonLedger
import ColophonMedia
import ColophonRecords
import ColophonReports
import ColophonWatermark
import Foundation
import Hummingbird
import NIOCore
import Synchronization

extension LedgerServer {
    func addLookupRoutes(to router: Router<ServerContext>) {
        router.get("/v1/lookup") { request, _ in
            try await self.lookup(request.uri.queryParameters)
        }
        router.post("/v1/verify") { request, context in
            try self.chargeAddress(context, cost: 10)
            let admitted = self.verifying.withLock { count in
                guard count < self.configuration.maxConcurrentVerifies else { return false }
                count += 1
                return true
            }
            guard admitted else {
                throw APIError(
                    .serviceUnavailable,
                    "busy",
                    "\(self.configuration.maxConcurrentVerifies) verifications are running; retry shortly",
                    headers: [.retryAfter: "1"]
                )
            }
            defer { self.verifying.withLock { $0 -= 1 } }
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: self.configuration.maxVerifyBytes)
            } catch is NIOTooManyBytesError {
                throw APIError(
                    .contentTooLarge,
                    "too-large",
                    "an image or CBZ to verify holds at most \(self.configuration.maxVerifyBytes) bytes"
                )
            }
            let name = request.uri.queryParameters.get("name") ?? "upload"
            return try await self.verify(Array(body.readableBytesView), name: String(name.prefix(200)))
        }
    }

    private func lookup(_ query: Parameters) async throws -> Response {
        let kinds = ["sha256", "pixels", "pdq", "watermark", "artist", "lora"].filter { query.get($0) != nil }
        guard kinds.count == 1, let kind = kinds.first, let value = query.get(kind) else {
            throw APIError.badRequest("give exactly one of sha256, pixels, pdq, watermark, artist, lora")
        }
        let report: LookupReport
        switch kind {
        case "sha256", "pixels":
            let hex = value.lowercased()
            guard hex.count == 64, hex.allSatisfy(\.isHexDigit) else {
                throw APIError.badRequest("\(kind) must be 64 hex digits")
            }
            report = try await kind == "sha256" ? .sha256(hex, ledger: ledger) : .pixels(hex, ledger: ledger)
        case "pdq":
            guard let hash = PDQHash(hex: value.lowercased()) else {
                throw APIError.badRequest("pdq must be 64 hex digits")
            }
            var distance = PDQIndex.defaultThreshold
            if let text = query.get("maxDistance") {
                guard text.count <= 3, let value = Int(text), String(value) == text, (0...256).contains(value) else {
                    throw APIError.badRequest("maxDistance must be 0…256, got \(Self.quoted(text))")
                }
                distance = value
            }
            report = try await .pdq(hash, maxDistance: distance, ledger: ledger)
        case "watermark":
            guard let id = WatermarkID(String(value)) else {
                throw APIError.badRequest("watermark must be 16 hex digits, got \(Self.quoted(value))")
            }
            report = try await .watermark(id, ledger: ledger)
        case "lora":
            guard !value.isEmpty, value.count <= 256 else { throw APIError.badRequest("lora must be 1…256 characters") }
            guard let found = try await LookupReport.lora(value, ledger: ledger) else {
                throw APIError.notFound("no registered LoRA matches \(Self.quoted(value))")
            }
            report = found
        default:
            guard !value.isEmpty, value.count <= 256 else {
                throw APIError.badRequest("artist must be 1…256 characters")
            }
            report = try await .artist(value, ledger: ledger)
        }
        return try JSONResponse.make(report)
    }

    /// An image → the image report; a zip (CBZ) → the comic report. Both as the command line's
    /// `verify --json` prints them.
    private func verify(_ bytes: [UInt8], name: String) async throws -> Response {
        guard !bytes.isEmpty else { throw APIError.badRequest("the body is empty; send an image or a CBZ") }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("colophon-verify-\(UUID()).cbz")
            defer { try? FileManager.default.removeItem(at: file) }
            do {
                try Data(bytes).write(to: file)
            } catch {
                throw APIError(.serviceUnavailable, "storage", "cannot hold the upload: \(error)")
            }
            let book: ComicBook
            do {
                book = try ComicArchive.read(path: file.path, limits: configuration.comicLimits)
            } catch {
                throw APIError(
                    .unprocessableContent,
                    "unreadable",
                    error.reason.replacingOccurrences(of: file.path, with: name)
                )
            }
            let result = try await ledger.verifyComic(book, source: name)
            return try JSONResponse.make(ComicReport(result))
        }
        guard bytes.count <= Stamper.maxFileBytes else {
            throw APIError(.contentTooLarge, "too-large", "an image holds at most \(Stamper.maxFileBytes) bytes")
        }
        do {
            let result = try await ledger.verifyImage(bytes: bytes, name: name)
            return try JSONResponse.make(ImageReport(path: name, result))
        } catch let error as LedgerError where error.code == .badInput {
            throw APIError(.unprocessableContent, "unreadable", error.reason)
        }
    }
}
