import ColophonLedger
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
/// colophon-bench c2pa [--python PATH]                  C2PA sign + embed against c2pa-python (PNG, JPEG)
/// colophon-bench comic [--pages N] [--page-mb N]        verifying a CBZ against sha256sum of its pages
/// colophon-bench evidence [--records N] [--python PATH]   export and verify a bundle (and the Python verifier)
/// colophon-bench watermark [--rounds N]             embed and detect at 1024², one core
/// colophon-bench profile stamp-parts | metadata-parts | metadata-loop | pdq-loop | decode-loop   (under perf)
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
            case "profile":
                try MediaProfile.run(Array(arguments.dropFirst()))
            case "media":
                let python = arguments.firstIndex(of: "--python").map { arguments[$0 + 1] }
                let megabytes = arguments.firstIndex(of: "--hash-mb").flatMap { Int(arguments[$0 + 1]) } ?? 2048
                try await MediaBench.run(python: python, hashBytes: megabytes << 20)
            case "c2pa":
                try await C2PABench.run(python: arguments.firstIndex(of: "--python").map { arguments[$0 + 1] })
            case "comic":
                let pages = arguments.firstIndex(of: "--pages").flatMap { Int(arguments[$0 + 1]) } ?? 200
                let megabytes = arguments.firstIndex(of: "--page-mb").flatMap { Int(arguments[$0 + 1]) } ?? 2
                try await ComicBench.run(pages: pages, pageBytes: megabytes << 20)
            case "evidence":
                let records = arguments.firstIndex(of: "--records").flatMap { Int(arguments[$0 + 1]) } ?? 10_000
                let python = arguments.firstIndex(of: "--python").map { arguments[$0 + 1] } ?? "/usr/bin/python3"
                try await EvidenceBench.run(records: records, python: python)
            case "watermark":
                try WatermarkBench.run(
                    rounds: arguments.firstIndex(of: "--rounds").flatMap { Int(arguments[$0 + 1]) } ?? 10
                )
            case "eu-stamp":
                guard let ledger = arguments.firstIndex(of: "--ledger").map({ arguments[$0 + 1] }),
                    let image = arguments.firstIndex(of: "--image").map({ arguments[$0 + 1] })
                else { throw BenchError("eu-stamp needs --ledger DIR and --image PNG") }
                try await EUStampBench.run(
                    ledger: ledger,
                    image: image,
                    rounds: arguments.firstIndex(of: "--rounds").flatMap { Int(arguments[$0 + 1]) } ?? 20
                )
            case "proofs":
                guard let path = arguments.firstIndex(of: "--ledger").map({ arguments[$0 + 1] }) else {
                    throw BenchError("proofs needs --ledger DIR (a ledger kept by log --keep DIR, in DIR/bulk)")
                }
                try await LogBench.proofLatency(try await Ledger.open(LedgerDirectory(path)))
            default:
                print(
                    "usage: colophon-bench crypto | log [--entries N] [--keep DIR] | proofs --ledger DIR | parts | import [--entries N] | media [--python PATH] [--hash-mb N] | c2pa [--python PATH] | comic [--pages N] [--page-mb N] | evidence [--records N] [--python PATH] | watermark [--rounds N] | profile WHAT"
                )
                exit(2)
            }
        } catch {
            FileHandle.standardError.write(Data("colophon-bench: \(error)\n".utf8))
            exit(1)
        }
    }
}
