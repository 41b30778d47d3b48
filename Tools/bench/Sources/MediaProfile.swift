import ColophonCrypto
import ColophonMedia
import Foundation

/// Loops and per-step timings of the stamping path, to run under `perf record`.
enum MediaProfile {
    static func run(_ arguments: [String]) throws {
        switch arguments.first {
        case "stamp-parts": try stampParts()
        case "metadata-parts": try metadataParts()
        case "metadata-files":
            for path in try MediaBench.fixtureImages() {
                let start = DispatchTime.now().uptimeNanoseconds
                for _ in 0..<200 { _ = try MediaBench.readMetadata(path) }
                let micros = Double(DispatchTime.now().uptimeNanoseconds - start) / 200e3
                print(
                    "\(String(format: "%7.1f", micros)) µs  \(path.split(separator: "/").suffix(2).joined(separator: "/"))"
                )
            }
        case "metadata-loop":
            let files = try MediaBench.fixtureImages()
            for _ in 0..<500 {
                for path in files { _ = try MediaBench.readMetadata(path) }
            }
        case "blake3":
            let data = [UInt8](repeating: 0x5A, count: 256 << 20)
            let start = DispatchTime.now().uptimeNanoseconds
            _ = BLAKE3.hash(data)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            print("BLAKE3: \(String(format: "%.0f", 256 * 1.048576 / seconds)) MB/s")
        case "pdq-loop":
            let image = SampleArt.lighthouse(side: 1024, grain: 10)
            for _ in 0..<50 { _ = PDQHash(image: image) }
        case "decode-loop":
            let bytes = try PNGEncoder.encode(SampleArt.lighthouse(side: 1024, grain: 10), alpha: false)
            for _ in 0..<50 { _ = try ImageDecoder.decode(bytes) }
        default:
            throw BenchError(
                "profile stamp-parts | metadata-parts | metadata-files | metadata-loop | pdq-loop | decode-loop | blake3"
            )
        }
    }

    /// Each step of stamping one 1024×1024 image, timed alone.
    static func stampParts() throws {
        var png = try PNGFile(bytes: try PNGEncoder.encode(SampleArt.lighthouse(side: 1024, grain: 10), alpha: false))
        try png.setText(
            PNGText(
                keyword: "parameters",
                text: "a lighthouse\nSteps: 30, Sampler: Euler, Seed: 1, Size: 1024x1024",
                kind: .text
            )
        )
        let bytes = png.serialized()
        print("file \(bytes.count) bytes")
        var mark = DispatchTime.now().uptimeNanoseconds
        func lap(_ name: String) {
            let now = DispatchTime.now().uptimeNanoseconds
            print(
                "  \(name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(String(format: "%7.2f", Double(now - mark) / 1e6)) ms"
            )
            mark = now
        }
        for _ in 0..<3 {
            mark = DispatchTime.now().uptimeNanoseconds
            let file = try ImageFile(bytes: bytes)
            lap("container")
            let image = try ImageDecoder.decode(bytes)
            lap("decode")
            _ = SHA256.hash(bytes)
            lap("file sha256")
            _ = PixelDigest.digest(of: image)
            lap("pixel digest")
            _ = PDQHash(image: image)
            lap("pdq")
            _ = MetadataReader.read(file, image: image)
            lap("metadata")
            _ = try file.embeddingXMP("<x/>")
            lap("embed")
        }
    }

    /// Where reading generator metadata spends its time, per step and per file.
    static func metadataParts() throws {
        let files = try MediaBench.fixtureImages()
        var totals = [Double](repeating: 0, count: 4)
        let rounds = 200
        for _ in 0..<rounds {
            for path in files {
                var mark = DispatchTime.now().uptimeNanoseconds
                func lap(_ step: Int) {
                    let now = DispatchTime.now().uptimeNanoseconds
                    totals[step] += Double(now - mark) / 1e3
                    mark = now
                }
                let bytes = try ImageFile.readBytes(path: path, limit: 1 << 30)
                lap(0)
                let file = try ImageFile(bytes: bytes)
                lap(1)
                var problems: [String] = []
                let fields = file.texts(problems: &problems).map {
                    GenerationParameters.Setting(key: $0.keyword, value: $0.text)
                }
                lap(2)
                _ = try? MetadataReader.parse(fields: fields)
                lap(3)
            }
        }
        let count = Double(rounds * files.count)
        let names = ["read", "container", "text chunks", "parse"]
        for (name, total) in zip(names, totals) {
            print("  \(name): \(String(format: "%.1f", total / count)) µs per file")
        }
    }
}
