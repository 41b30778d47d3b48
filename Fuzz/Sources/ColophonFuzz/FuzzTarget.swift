import ColophonLedger
import ColophonLog
import ColophonMedia
import ColophonRecords
import ColophonWatermark
import Foundation

/// One parser that takes outside bytes, and what a harness does with an input: parse it, then
/// use what was parsed as the commands do. Errors are the expected answer to bad input; a crash,
/// a sanitizer report, a leak or a time-out is a finding.
enum FuzzTarget: String, CaseIterable {
    case png, jpeg, webp, image, decode, xmp, safetensors, generators, json, dsse, notes, proofs, policy
    case tiles, cbor, c2pa, zip, comicinfo, watermark, bundle, upload, submission

    /// Decoding limits that keep one input's work small: the decoders' own checks are what is
    /// exercised, not the machine's memory.
    static let limits = DecodeLimits(maxWidth: 4096, maxHeight: 4096, maxPixels: 1 << 20)

    func run(_ bytes: [UInt8]) {
        switch self {
        case .png:
            if let file = try? PNGFile(bytes: bytes) { _ = file.texts }
        case .jpeg:
            if let file = try? JPEGFile(bytes: bytes) { _ = file }
            _ = try? ExifData(bytes: bytes)
        case .webp:
            _ = try? WebPFile(bytes: bytes)
        case .image:
            // The container, then everything stamping and verification read from it.
            if let file = try? ImageFile(bytes: bytes) { _ = MetadataReader.read(file) }
        case .decode:
            if let image = try? ImageDecoder.decode(bytes, limits: Self.limits) {
                _ = try? StealthInfo.read(image)
                _ = PDQHash(image: image)
            }
        case .xmp:
            _ = try? XMPPacket.credential(in: String(decoding: bytes, as: UTF8.self))
        case .safetensors:
            _ = try? SafetensorsHeader(prefix: bytes, fileSize: bytes.count)
        case .generators:
            let text = String(decoding: bytes, as: UTF8.self)
            _ = MetadataReader.parseInfotext(text)
            _ = try? MetadataReader.parseComfyPrompt(text)
            _ = try? MetadataReader.parseInvokeAIMetadata(text)
            _ = try? MetadataReader.parseInvokeAILegacy(text)
            _ = MetadataReader.parseDream(text)
            _ = try? MetadataReader.parseFooocus(text)
            if let json = try? LooseJSON.parse(bytes) {
                _ = MetadataReader.parseSwarmUI(json)
                _ = try? ComfyGraph(json: json)
            }
        case .json:
            if let value = try? JSONParser().parse(bytes) { _ = try? CanonicalJSON.encode(value) }
            _ = CanonicalJSON.isCanonical(bytes)
        case .dsse:
            if let envelope = try? Envelope(jsonBytes: bytes) { _ = envelope }
            _ = try? Statement(bytes: bytes)
        case .notes:
            let text = String(decoding: bytes, as: UTF8.self)
            _ = try? SignedNote(parsing: text)
            _ = try? AddCheckpointRequest(parsing: bytes)
        case .proofs:
            _ = try? TlogProof(parsing: String(decoding: bytes, as: UTF8.self))
        case .policy:
            // A policy, then after a line "--" a checkpoint it judges: the quorum walk runs too.
            let text = String(decoding: bytes, as: UTF8.self)
            let parts = text.split(separator: "\n--\n", maxSplits: 1, omittingEmptySubsequences: false)
            if let policy = try? TlogPolicy(parsing: String(parts[0])), parts.count == 2 {
                _ = try? policy.verify(checkpointNote: String(parts[1]))
            }
        case .tiles:
            _ = try? EntryBundle.decode(bytes)
            _ = try? TilePath.parse(String(decoding: bytes.prefix(256), as: UTF8.self))
        case .cbor:
            _ = try? CBORDecoder().decode(bytes)
            _ = try? COSESign1(decoding: bytes)
        case .c2pa:
            if let store = try? C2PAManifestStore(bytes: bytes) {
                _ = C2PAValidator().validate(store: store, file: bytes)
            }
            _ = try? C2PAValidator().validate(file: bytes)
        case .zip:
            Self.withFile(bytes) { path in
                _ = try? ZipReader.read(
                    path: path,
                    what: "fuzz",
                    limits: ZipLimits(maxEntries: 64, maxTotalBytes: 8 << 20, maxCompressionRatio: 100),
                    limit: { _ in 1 << 20 }
                )
                _ = try? ComicArchive.read(path: path)
            }
        case .comicinfo:
            _ = try? ComicInfo(xml: bytes)
        case .watermark:
            // Two bytes of width and height (256 to 511 a side), then pixels repeated to fill.
            guard bytes.count >= 3 else { return }
            let width = 256 + Int(bytes[0])
            let height = 256 + Int(bytes[1])
            let body = bytes.dropFirst(2)
            var pixels = [UInt8](repeating: 0, count: width * height * 4)
            var source = body.startIndex
            for index in pixels.indices {
                pixels[index] = body[source]
                source = source + 1 == body.endIndex ? body.startIndex : source + 1
            }
            if let image = try? RGBAPixels(width: width, height: height, bytes: pixels) {
                _ = WatermarkDetector.detect(image)
            }
        case .bundle:
            Self.withFile(bytes) { path in _ = try? BundleVerifier.verify(path: path) }
        case .upload:
            // What POST /v1/verify does with a body: a CBZ is read as a comic, anything else as an image.
            guard let ledger = FuzzLedger.shared else { return }
            if bytes.starts(with: [0x50, 0x4B]) {
                Self.withFile(bytes) { path in
                    FuzzLedger.wait { _ = try? await ledger.verifyComic(path: path) }
                }
            } else {
                FuzzLedger.wait { _ = try? await ledger.verifyImage(bytes: bytes, name: "upload") }
            }
        case .submission:
            // What POST /v1/records does with a body: one envelope, or an array of them, appended.
            guard let ledger = FuzzLedger.shared else { return }
            var envelopes: [Envelope] = []
            if bytes.first == UInt8(ascii: "["), let items = (try? JSONParser().parse(bytes))?.arrayValue {
                envelopes = items.prefix(64).compactMap { item in
                    (try? CanonicalJSON.encode(item)).flatMap { try? Envelope(jsonBytes: $0) }
                }
            } else if let envelope = try? Envelope(jsonBytes: bytes) {
                envelopes = [envelope]
            }
            guard !envelopes.isEmpty else { return }
            let submitted = envelopes
            FuzzLedger.wait { _ = try? await ledger.append(submitted) }
        }
    }

    /// Runs `body` with the input written to a file (for readers that take a path).
    static func withFile(_ bytes: [UInt8], _ body: (String) -> Void) {
        let folder = ProcessInfo.processInfo.environment["COLOPHON_FUZZ_SCRATCH"] ?? NSTemporaryDirectory()
        let path = folder + "/colophon-fuzz-\(getpid()).bin"
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return }
        body(path)
        try? FileManager.default.removeItem(atPath: path)
    }
}
