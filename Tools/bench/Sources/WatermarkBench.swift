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
        let photos = try ["astronaut", "coffee", "chelsea", "rocket"].map { name in
            (name, try ImageDecoder.decode(Array(try Data(contentsOf: folder.appendingPathComponent(name + ".jpg")))))
        }
        let embedOnly = ProcessInfo.processInfo.environment["WATERMARK_BENCH_EMBED_ONLY"] != nil
        // 1024: a generator's output; 512: a small image, whose lattice is climbed.
        for side in embedOnly ? [1024] : [1024, 512] {
            var embed: [Double] = []
            var detect: [Double] = []
            var unmarked: [Double] = []
            for (name, decoded) in photos {
                let image = try RGBAPixels(
                    width: side,
                    height: side,
                    bytes: resample(decoded.rgba, width: decoded.width, height: decoded.height, to: side)
                )
                for round in 0..<rounds {
                    // A buffer of the caller's own (copied outside the timing), as a generator holds it.
                    var marked = image
                    marked.bytes.withUnsafeMutableBufferPointer { _ in }
                    let (_, embedSeconds) = try Measure.secondsSync {
                        try WatermarkEmbedder.embed(WatermarkID(UInt64(round) &* 0x9E37_79B9_7F4A_7C15), into: &marked)
                    }
                    embed.append(embedSeconds * 1000)
                    if embedOnly { continue }
                    let (found, detectSeconds) = Measure.secondsSync { WatermarkDetector.detect(marked) }
                    guard found.id != nil else { throw BenchError("\(name) at \(side): the mark was not read back") }
                    detect.append(detectSeconds * 1000)
                    let (nothing, unmarkedSeconds) = Measure.secondsSync { WatermarkDetector.detect(image) }
                    guard nothing.id == nil else { throw BenchError("\(name) at \(side): a mark read from nothing") }
                    unmarked.append(unmarkedSeconds * 1000)
                }
            }
            let target = side == 1024 ? " (target ≤ 15)" : ""
            print("== watermark at \(side)×\(side), one core, \(embed.count) runs on 4 photographs")
            print("  embed    \(summary(embed))\(target)")
            if embedOnly { continue }
            print("  detect   \(summary(detect))\(side == 1024 ? " (target ≤ 40)" : "")")
            print("  unmarked \(summary(unmarked))")
        }
    }

    static func summary(_ values: [Double]) -> String {
        "p50 \(Measure.format(Measure.percentile(values, 50))) ms, p90 \(Measure.format(Measure.percentile(values, 90))) ms"
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
