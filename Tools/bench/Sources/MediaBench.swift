import ColophonCrypto
import ColophonLedger
import ColophonMedia
import ColophonRecords
import Foundation

/// Stamping's benchmarks, each beside its peer in the same run: generator-metadata reading
/// against sd-parsers, PDQ against pdqhash, stamping with an embedded credential against
/// c2pa-python signing and embedding a manifest, model hashing against sha256sum and b3sum,
/// and the PDQ index against its 10 ms budget at a million hashes.
enum MediaBench {
    static func run(python: String?, hashBytes: Int) async throws {
        let python = try python ?? setUpPython()
        let fixtures = try fixtureImages()
        print("== generator metadata: Colophon vs sd-parsers 0.6 (\(fixtures.count) files)")
        try metadata(fixtures, python: python)
        print("\n== PDQ: Colophon vs pdqhash 0.2.8 (decode + hash, same files)")
        try pdq(python: python)
        print("\n== stamp --embed of a 1024×1024 PNG vs c2pa-python 0.38.1 sign + embed (thumbnails off)")
        try await stamp(python: python)
        print("\n== model file hashing: Colophon (SHA-256 ×2, AutoV1, BLAKE3, CRC32 in one pass) vs sha256sum, b3sum")
        try hashing(bytes: hashBytes, python: python)
        print("\n== PDQ index: 1,000,000 hashes, every match within distance 31")
        index()
    }

    static let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    static let shared = root.appendingPathComponent("Tests/Fixtures/gen-metadata")

    static func setUpPython() throws -> String {
        let venv = FileManager.default.temporaryDirectory.appendingPathComponent("colophon-bench-venv").path
        print("setting up the peers' virtualenv in \(venv) (pip, once)…")
        let result = try peers(["setup", venv], python: "python3")
        guard let path = result["python"] as? String else { throw BenchError("peers.py setup gave no python") }
        return path
    }

    /// Runs Tools/bench/peers.py and returns its JSON.
    static func peers(_ arguments: [String], python: String) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, root.appendingPathComponent("Tools/bench/peers.py").path] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw BenchError("peers.py \(arguments.first ?? "") failed (status \(process.terminationStatus))") }
        return json
    }

    static func fixtureImages() throws -> [String] {
        var paths: [String] = []
        for folder in [
            "sd-parsers/AUTOMATIC1111", "sd-parsers/ComfyUI", "sd-parsers/Fooocus", "sd-parsers/InvokeAI",
            "sd-parsers/NovelAI", "synth",
        ] {
            let url = shared.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
            where [".png", ".jpg", ".webp"].contains(where: name.hasSuffix) {
                paths.append(url.appendingPathComponent(name).path)
            }
        }
        return paths
    }

    /// Metadata as a reader would get it: the file read, its container parsed, the fields
    /// parsed; pixels decoded only when nothing else was found (the stealth copy).
    static func readMetadata(_ path: String) throws -> MetadataReport {
        let bytes = try ImageFile.readBytes(path: path, limit: 1 << 30)
        let file = try ImageFile(bytes: bytes)
        let report = MetadataReader.read(file)
        guard report.parameters == nil, file.mediaType == .png else { return report }
        return MetadataReader.read(file, image: try ImageDecoder.decode(bytes))
    }

    static func metadata(_ files: [String], python: String) throws {
        let rounds = 200
        var parsed = 0
        for path in files where try readMetadata(path).parameters != nil { parsed += 1 }
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<rounds {
            for path in files { _ = try readMetadata(path) }
        }
        let ours = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / Double(rounds * files.count)
        let peer = try peers(["metadata"] + files + ["--repeat", "20"], python: python)
        let theirs = peer["per_file_us"] as? Double ?? .nan
        print("  Colophon: \(Measure.format(ours)) µs per file, \(parsed)/\(files.count) files parsed")
        print("  sd-parsers: \(Measure.format(theirs)) µs per file, \(peer["parsed"] ?? "?")/\(files.count) parsed")
        print("  ratio: \(String(format: "%.1f", theirs / ours))× faster (target ≥ 20×)")
    }

    static func pdq(python: String) throws {
        let derived = root.appendingPathComponent("Tests/Fixtures/pdq/derived")
        let files = try FileManager.default.contentsOfDirectory(atPath: derived.path).sorted().map {
            derived.appendingPathComponent($0).path
        }
        let rounds = 10
        var hashes: [String: PDQHash] = [:]
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<rounds {
            for path in files {
                let image = try ImageDecoder.decode(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
                hashes[path] = PDQHash(image: image)
            }
        }
        let ours = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(rounds * files.count)
        let peer = try peers(["pdq"] + files + ["--repeat", "\(rounds)"], python: python)
        let theirs = peer["per_image_ms"] as? Double ?? .nan
        var worst = 0
        for (path, value) in peer["hashes"] as? [String: [String: Any]] ?? [:] {
            guard let hex = value["hex"] as? String, let theirs = PDQHash(hex: hex), let own = hashes[path] else {
                continue
            }
            worst = max(worst, own.distance(to: theirs))
        }
        print(
            "  Colophon: \(Measure.format(ours)) ms per image; pdqhash: \(Measure.format(theirs)) ms per image (\(files.count) images, 4×4 to 2000×1500)"
        )
        print("  ratio: \(String(format: "%.2f", theirs / ours))× ; largest distance between the two: \(worst) bits")
    }

    static func stamp(python: String) async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent(
            "colophon-bench-stamp-\(UUID().uuidString.prefix(8))"
        )
        defer { try? FileManager.default.removeItem(at: work) }
        let ledger = try await Ledger.create(
            at: LedgerDirectory(work.appendingPathComponent("ledger").path),
            origin: "bench.example/log"
        )
        _ = try await ledger.createKey(name: "studio", role: .generator)
        let key = try ledger.keyring.load("studio")
        // Grain makes it compress like a real output (about 1 MB, RGB, as A1111 writes them).
        var png = try PNGFile(bytes: try PNGEncoder.encode(SampleArt.lighthouse(side: 1024, grain: 10), alpha: false))
        try png.setText(
            PNGText(
                keyword: "parameters",
                text:
                    "a lighthouse, <lora:ink:0.8>\nSteps: 30, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 1024x1024, Model: sdxl",
                kind: .text
            )
        )
        let source = work.appendingPathComponent("source.png").path
        try Data(png.serialized()).write(to: URL(fileURLWithPath: source))
        let stamper = try await Stamper(ledger: ledger, key: key)
        var options = StampOptions()
        options.embed = true
        options.skipStamped = false
        let rounds = 20
        var samples: [Double] = []
        for round in 0..<rounds {
            options.output = work.appendingPathComponent("stamped-\(round).png").path
            let (_, seconds) = try await Measure.seconds { try await stamper.stamp(path: source, options: options) }
            samples.append(seconds * 1000)
        }
        let ours = Measure.percentile(samples, 50)
        let peer = try peers(["c2pa", source, "--out", work.path, "--repeat", "\(rounds)"], python: python)
        let theirs = peer["per_image_ms"] as? Double ?? .nan
        print("  file: \(try FileManager.default.attributesOfItem(atPath: source)[.size] ?? 0) bytes, 1024×1024 RGB")
        print(
            "  Colophon: p50 \(Measure.format(ours)) ms per image (decode, file + pixel digests, PDQ, metadata, sign, durable append, embed, atomic write)"
        )
        print("  c2pa-python: \(Measure.format(theirs)) ms per image (valid: \(peer["valid"] ?? "?"))")
        print("  ratio: \(String(format: "%.2f", theirs / ours))× (target ≥ 1: no slower)")
    }

    static func hashing(bytes: Int, python: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("colophon-bench-model.safetensors")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let header = Array(
            #"{"__metadata__":{"ss_output_name":"bench"},"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}"#.utf8
        )
        var padded = header
        while padded.count % 8 != 0 { padded.append(0x20) }
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw BenchError("cannot write \(path)") }
        let length = UInt64(padded.count)
        handle.write(Data((0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) } + padded))
        var state: UInt64 = 7
        var block = [UInt8](repeating: 0, count: 1 << 20)
        for _ in 0..<(bytes >> 20) {
            for index in stride(from: 0, to: block.count, by: 8) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                withUnsafeBytes(of: state) { block.replaceSubrange(index..<(index + 8), with: $0) }
            }
            handle.write(Data(block))
        }
        try handle.close()
        let size = Double(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0)
        _ = try ModelFile(path: path)  // warm the page cache
        var best = Double.infinity
        for _ in 0..<3 {
            let (_, seconds) = try Measure.secondsSync { try ModelFile(path: path) }
            best = min(best, seconds)
        }
        let peer = try peers(["sha256sum", path], python: python)
        let b3 = try peers(["b3sum", path], python: python)
        let catSeconds = try Measure.secondsSync { try readAll(path) }.1
        let mb = size / 1e6
        func rate(_ seconds: Double) -> String { "\(Measure.format(mb / seconds)) MB/s" }
        let sha = (peer["sha256sum"] as? [String: Any])?["seconds"] as? Double ?? .nan
        print("  file: \(Measure.format(mb)) MB, in the page cache; reading it alone: \(rate(catSeconds))")
        print("  Colophon, all six hashes: \(rate(best))")
        print("  sha256sum (SHA-256 only): \(rate(sha)); ratio \(String(format: "%.2f", sha / best))×")
        if let single = (b3["b3sum_1_thread"] as? [String: Any])?["seconds"] as? Double,
            let multi = (b3["b3sum_default"] as? [String: Any])?["seconds"] as? Double
        {
            print("  b3sum (BLAKE3 only, SIMD): one thread \(rate(single)), all threads \(rate(multi))")
        }
    }

    static func readAll(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw BenchError("cannot open \(path)") }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 4 << 20)
        while buffer.withUnsafeMutableBytes({ Glibc.read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }

    static func index() {
        var index = PDQIndex()
        index.reserve(1_000_000)
        var state: UInt64 = 99
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        var probes: [PDQHash] = []
        for entry in 0..<1_000_000 {
            let bytes = (0..<4).flatMap { _ in withUnsafeBytes(of: next().bigEndian) { Array($0) } }
            let hash = PDQHash(bytes: bytes, quality: 100)
            index.add(hash, entry: UInt64(entry))
            if entry % 10_000 == 0 {
                var near = bytes
                for bit in [1, 50, 99, 140, 201, 250] { near[bit / 8] ^= 1 << UInt8(bit % 8) }
                probes.append(PDQHash(bytes: near, quality: 100))
            }
        }
        var samples: [Double] = []
        var found = 0
        for probe in probes {
            let start = DispatchTime.now().uptimeNanoseconds
            found += index.search(probe).count
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        print(
            "  \(probes.count) queries: p50 \(String(format: "%.2f", Measure.percentile(samples, 50))) ms, p99 \(String(format: "%.2f", Measure.percentile(samples, 99))) ms (budget 10 ms); \(found) matches for \(probes.count) planted"
        )
    }
}
