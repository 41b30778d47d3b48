import ColophonCrypto
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
            // A whole file (signature, CRCs), then the same bytes as bare chunks without CRCs, so
            // that mutated text chunks reach the text readers and zTXt/iTXt inflation.
            if let file = try? PNGFile(bytes: bytes) { _ = file.texts }
            _ = PNGFile(chunks: Self.bareChunks(bytes)).texts
        case .jpeg:
            if let file = try? JPEGFile(bytes: bytes) {
                _ = file.xmp
                if let exif = file.exif, let data = try? ExifData(bytes: exif) {
                    _ = data.userComment
                    for tag in data.tags { _ = data.string(tag.tag) }
                }
            }
            // Bare TIFF-structured EXIF too, as PNG's eXIf chunk and WebP's EXIF chunk carry it.
            if let data = try? ExifData(bytes: bytes) { _ = data.userComment }
        case .webp:
            if let file = try? WebPFile(bytes: bytes) { _ = file.xmp }
        case .image:
            // The container, then everything stamping and verification read from it.
            if let file = try? ImageFile(bytes: bytes) {
                let image = try? ImageDecoder.decode(bytes, limits: Self.limits)
                _ = MetadataReader.read(file, image: image)
                if let packet = file.xmp { _ = try? XMPPacket.credential(in: packet) }
            }
        case .decode:
            if let image = try? ImageDecoder.decode(bytes, limits: Self.limits) {
                _ = try? StealthInfo.read(image)
                _ = PDQHash(image: image)
            }
        case .xmp:
            _ = try? XMPPacket.credential(in: String(decoding: bytes, as: UTF8.self))
        case .safetensors:
            // The file is taken to be as long as its header says, so the tensor table is read in
            // full; then the kohya metadata the ledger keeps.
            if let header = try? SafetensorsHeader(prefix: bytes, fileSize: 1 << 40) {
                _ = header.trainingSummary
                _ = header.triggerWords
            }
        case .generators:
            // Text fields as a PNG or EXIF reader hands them over: "key=value" lines separated by
            // NUL, then the whole input as each generator's own format.
            let text = String(decoding: bytes, as: UTF8.self)
            let fields = text.split(separator: "\u{0}").map { field in
                let parts = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return GenerationParameters.Setting(
                    key: String(parts[0]),
                    value: parts.count == 2 ? String(parts[1]) : ""
                )
            }
            _ = try? MetadataReader.parse(fields: fields)
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
            // The envelope, then its statement: payload type, canonical form, the predicate's schema.
            if let envelope = try? Envelope(jsonBytes: bytes) { _ = try? envelope.statement() }
            _ = try? Statement(bytes: bytes)
        case .notes:
            let text = String(decoding: bytes, as: UTF8.self)
            if let note = try? SignedNote(parsing: text) { _ = try? Checkpoint(text: note.text) }
            _ = try? Checkpoint(text: text)
            _ = try? AddCheckpointRequest(parsing: bytes)
        case .proofs:
            _ = try? TlogProof(parsing: String(decoding: bytes, as: UTF8.self))
            // The same bytes as Merkle arithmetic: two sizes, then 32-byte hashes.
            guard bytes.count >= 16 + 64 else { return }
            let first = bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } % (1 << 40)
            let second = bytes.dropFirst(8).prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } % (1 << 40)
            let hashes = stride(from: 16, to: bytes.count - 31, by: 32).map { Array(bytes[$0..<$0 + 32]) }
            let proof = Array(hashes.dropFirst(2))
            _ = try? MerkleProof.verifyConsistency(
                size1: first,
                size2: second,
                root1: hashes[0],
                root2: hashes[1],
                proof: proof
            )
            if let leaf = SHA256Digest(bytes: hashes[0]), let root = SHA256Digest(bytes: hashes[1]) {
                let path = proof.compactMap { SHA256Digest(bytes: $0) }
                _ = try? MerkleProof.verifyInclusion(
                    leafHash: leaf,
                    index: first,
                    size: second,
                    proof: path,
                    root: root
                )
            }
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
                _ = C2PAGeneration(manifest: store.active)
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
                _ = WatermarkDetector.detectUnmoved(image)
            }
        case .bundle:
            Self.withFile(bytes) { path in _ = try? BundleVerifier.verify(path: path) }
        case .upload:
            // What POST /v1/verify does with a body: a CBZ is read as a comic, anything else as an image.
            guard let ledger = FuzzLedger.shared else { return }
            if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
                Self.withFile(bytes) { path in
                    FuzzLedger.wait { _ = try? await ledger.verifyComic(path: path, limits: .upload) }
                }
            } else {
                FuzzLedger.wait { _ = try? await ledger.verifyImage(bytes: bytes, name: "upload") }
            }
        case .submission:
            // What POST /v1/records does with a body: one envelope, or an array of them, appended.
            guard let ledger = FuzzLedger.shared else { return }
            // As the server does: any bad item refuses the whole body.
            var envelopes: [Envelope] = []
            if bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "[") {
                guard let items = (try? JSONParser().parse(bytes))?.arrayValue, (1...1000).contains(items.count)
                else { return }
                for item in items {
                    guard let encoded = try? CanonicalJSON.encode(item),
                        let envelope = try? Envelope(jsonBytes: encoded)
                    else { return }
                    envelopes.append(envelope)
                }
            } else if let envelope = try? Envelope(jsonBytes: bytes) {
                envelopes = [envelope]
            }
            guard !envelopes.isEmpty else { return }
            let submitted = envelopes
            FuzzLedger.wait { _ = try? await ledger.append(submitted) }
        }
    }

    /// The input read as PNG chunks without signature or CRCs: a four-byte type, a two-byte
    /// big-endian length, the data; repeated.
    static func bareChunks(_ bytes: [UInt8]) -> [PNGChunk] {
        var chunks: [PNGChunk] = []
        var offset = 0
        while offset + 6 <= bytes.count, chunks.count < 64 {
            let type = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let length = Int(bytes[offset + 4]) << 8 | Int(bytes[offset + 5])
            let end = min(offset + 6 + length, bytes.count)
            chunks.append(PNGChunk(type: type, data: bytes[offset + 6..<end]))
            offset = end
        }
        return chunks
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
