import ColophonLedger
import ColophonMedia
import Foundation

/// Colophon's benchmarks, run side by side with the peer or limit each is judged against, in
/// the same run on the same machine, printing ratios.
///
/// ```
/// colophon-bench crypto            SHA-256 and Ed25519 against `openssl speed`
/// colophon-bench log [--entries N] [--keep DIR]   durable appends, bulk import, proof latency, bytes per entry
/// colophon-bench proofs --ledger DIR              proof latency on an existing ledger
/// colophon-bench parts             where an append's time goes, per entry
/// colophon-bench import            bulk import alone (for profiling)
/// colophon-bench media [--python PATH] [--hash-mb N]   stamping: metadata, PDQ, stamp, model hashing, PDQ index
/// ```
@main
enum Bench {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            switch arguments.first {
            case "crypto":
                try CryptoBench.run()
            case "parts":
                try await PartsBench.run()
            case "import":
                let entries = arguments.firstIndex(of: "--entries").flatMap { Int(arguments[$0 + 1]) } ?? 200_000
                try await PartsBench.importOnly(count: entries)
            case "log":
                let entries = arguments.firstIndex(of: "--entries").flatMap { Int(arguments[$0 + 1]) } ?? 1_000_000
                let keep = arguments.firstIndex(of: "--keep").map { arguments[$0 + 1] }
                try await LogBench.run(entries: entries, keep: keep)
            case "metadata-loop":
                // For profilers: read every fixture's metadata, over and over.
                let files = try MediaBench.fixtureImages()
                for _ in 0..<(arguments.count > 1 ? Int(arguments[1]) ?? 500 : 500) {
                    for path in files { _ = try MediaBench.readMetadata(path) }
                }
            case "infotext-loop":
                let text = try String(contentsOfFile: arguments[1], encoding: .utf8)
                for _ in 0..<20000 { _ = MetadataReader.parseInfotext(text) }
            case "file-loop":
                for _ in 0..<20000 { _ = try MediaBench.readMetadata(arguments[1]) }
            case "json-loop":
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: arguments[1])))
                for _ in 0..<20000 { _ = try LooseJSON.parse(bytes) }
            case "comfy-loop":
                let text = try String(contentsOfFile: arguments[1], encoding: .utf8)
                for _ in 0..<20000 { _ = try MetadataReader.parseComfyPrompt(text) }
            case "metadata-parts":
                let files = try MediaBench.fixtureImages()
                var read = 0.0, container = 0.0, texts = 0.0, exif = 0.0, parse = 0.0
                for _ in 0..<200 {
                    for path in files {
                        var t = DispatchTime.now().uptimeNanoseconds
                        func lap() -> Double {
                            let now = DispatchTime.now().uptimeNanoseconds
                            defer { t = now }
                            return Double(now - t) / 1e3
                        }
                        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
                        read += lap()
                        let file = try ImageFile(bytes: bytes)
                        container += lap()
                        var problems: [String] = []
                        let fields = file.texts(problems: &problems).map { GenerationParameters.Setting(key: $0.keyword, value: $0.text) }
                        texts += lap()
                        if let e = file.exifBytes { _ = try? ExifData(bytes: e) }
                        exif += lap()
                        _ = try? MetadataReader.parse(fields: fields)
                        parse += lap()
                    }
                }
                for path in files {
                    let file = try ImageFile(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
                    var problems: [String] = []
                    let fields = file.texts(problems: &problems).map { GenerationParameters.Setting(key: $0.keyword, value: $0.text) }
                    let start = DispatchTime.now().uptimeNanoseconds
                    for _ in 0..<200 { _ = try? MetadataReader.parse(fields: fields) }
                    print(String(format: "%8.1f µs parse  ", Double(DispatchTime.now().uptimeNanoseconds - start) / 200e3) + path.split(separator: "/").suffix(2).joined(separator: "/"))
                }
                let n = Double(200 * files.count)
                print("read \(read / n) container \(container / n) texts \(texts / n) exif \(exif / n) parse \(parse / n) µs")
            case "media":
                let python = arguments.firstIndex(of: "--python").map { arguments[$0 + 1] }
                let megabytes = arguments.firstIndex(of: "--hash-mb").flatMap { Int(arguments[$0 + 1]) } ?? 2048
                try await MediaBench.run(python: python, hashBytes: megabytes << 20)
            case "proofs":
                guard let path = arguments.firstIndex(of: "--ledger").map({ arguments[$0 + 1] }) else {
                    throw BenchError("proofs needs --ledger DIR (a ledger kept by log --keep DIR, in DIR/bulk)")
                }
                try await LogBench.proofLatency(try await Ledger.open(LedgerDirectory(path)))
            default:
                print(
                    "usage: colophon-bench crypto | log [--entries N] [--keep DIR] | proofs --ledger DIR | parts | import [--entries N] | media [--python PATH] [--hash-mb N]"
                )
                exit(2)
            }
        } catch {
            FileHandle.standardError.write(Data("colophon-bench: \(error)\n".utf8))
            exit(1)
        }
    }
}
