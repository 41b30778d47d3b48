import ColophonLedger
import ColophonMedia
import ColophonWatermark
import Foundation

/// The watermark's speed in process at 1024 × 1024, one core: embedding into and detecting from
/// RGBA buffers of the repository's photographs (no decoding or encoding). The robustness and
/// quality benchmark against the peers is Tools/bench/watermark.py.
enum WatermarkBench {
    static func run(rounds: Int) throws {
        let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent("Tests/Fixtures/photos")
        var embed: [Double] = []
        var detect: [Double] = []
        for name in ["astronaut", "coffee", "chelsea", "rocket"] {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name + ".jpg")))
            let decoded = try ImageDecoder.decode(bytes)
            let image = try RGBAPixels(
                width: 1024,
                height: 1024,
                bytes: resample(decoded.rgba, width: decoded.width, height: decoded.height, to: 1024)
            )
            for round in 0..<rounds {
                // A buffer of the caller's own (copied outside the timing), as a generator holds it.
                var marked = image
                marked.bytes.withUnsafeMutableBufferPointer { _ in }
                let (_, embedSeconds) = try Measure.secondsSync {
                    try WatermarkEmbedder.embed(WatermarkID(UInt64(round) &* 0x9E37_79B9_7F4A_7C15), into: &marked)
                }
                if ProcessInfo.processInfo.environment["WATERMARK_BENCH_EMBED_ONLY"] != nil {
                    embed.append(embedSeconds * 1000)
                    detect.append(0)
                    continue
                }
                let (found, detectSeconds) = Measure.secondsSync { WatermarkDetector.detect(marked) }
                guard found.id != nil else { throw BenchError("\(name): the mark was not read back") }
                embed.append(embedSeconds * 1000)
                detect.append(detectSeconds * 1000)
            }
        }
        print("== watermark at 1024×1024, one core, \(embed.count) runs on 4 photographs")
        print(
            "  embed  p50 \(Measure.format(Measure.percentile(embed, 50))) ms, p90 \(Measure.format(Measure.percentile(embed, 90))) ms (target ≤ 15)"
        )
        print(
            "  detect p50 \(Measure.format(Measure.percentile(detect, 50))) ms, p90 \(Measure.format(Measure.percentile(detect, 90))) ms (target ≤ 40)"
        )
    }

    /// Nearest-neighbour resampling to a square: speed does not depend on the pixels' content.
    static func resample(_ rgba: [UInt8], width: Int, height: Int, to side: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: side * side * 4)
        for y in 0..<side {
            let sy = y * height / side
            for x in 0..<side {
                let sx = x * width / side
                for channel in 0..<4 { out[(y * side + x) * 4 + channel] = rgba[(sy * width + sx) * 4 + channel] }
            }
        }
        return out
    }
}

/// The whole EU stamp — watermark, pixel digest, PDQ, signed and logged record, XMP credential,
/// C2PA manifest, PNG — from pixels held in memory, on a ledger prepared with `colophon init`,
/// `key new studio` and `c2pa cert`. Prints the median; Tools/bench/watermark.py runs the Python
/// stack beside it.
enum EUStampBench {
    static func run(ledger path: String, image: String, rounds: Int) async throws {
        let ledger = try await Ledger.open(LedgerDirectory(path))
        let key = try ledger.keyring.load("studio")
        let stamper = try await Stamper(ledger: ledger, key: key)
        var options = StampOptions()
        options.watermark = true
        options.embed = true
        options.skipStamped = false
        options.c2pa = C2PASigning(
            signer: try C2PACredentials(directory: ledger.directory).signer(),
            claimGenerator: "colophon-bench",
            claimGeneratorVersion: "1",
            timestampAuthority: nil
        )
        let decoded = try ImageDecoder.decode(Array(try Data(contentsOf: URL(fileURLWithPath: image))))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("colophon-eu-stamp.png").path
        var samples: [Double] = []
        for round in 0..<rounds {
            // A fresh image each round (the same pixels would be refused as already marked).
            var rgba = decoded.rgba
            rgba[4 * round] = rgba[4 * round] &+ 1
            let pixels = try RGBAPixels(width: decoded.width, height: decoded.height, bytes: rgba)
            let (_, seconds) = try await Measure.seconds {
                let (_, png) = try await stamper.stamp(
                    pixels: pixels,
                    hasAlpha: false,
                    name: "out-\(round).png",
                    options: options
                )
                try AtomicFile.write(png, to: out)
            }
            samples.append(seconds * 1000)
        }
        print("eu-stamp p50 \(Measure.format(Measure.percentile(samples, 50))) ms")
    }
}
