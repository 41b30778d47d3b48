import ColophonMedia
import ColophonRecords
import Foundation
import Testing

/// Safetensors headers, kohya/ModelSpec summaries and every model-file hash.
@Suite struct ModelFileTests {
    static let lora = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/gen-metadata/synth/lora_test.safetensors").standardized.path

    static func temporaryFile(_ bytes: [UInt8], name: String = "model.safetensors") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "colophon-model-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    static func safetensors(header: String, data: [UInt8] = [], length: UInt64? = nil) -> [UInt8] {
        let json = Array(header.utf8)
        let n = length ?? UInt64(json.count)
        return (0..<8).map { UInt8(truncatingIfNeeded: n >> (8 * UInt64($0))) } + json + data
    }

    @Test func loraVectorHashes() throws {
        let file = try ModelFile(path: Self.lora)
        #expect(file.size == 1_322_436)
        #expect(file.header?.headerLength == 1464)
        #expect(file.hashes.sha256 == "301547f422e68ee06edb5142cf75d42fd1d1c5a7bfb86551a0d3d0fda7091ff3")
        #expect(file.hashes.autov2 == "301547f422")
        #expect(file.hashes.autov1 == "1698c5cb")
        #expect(file.hashes.autov3 == "73323f360729f172d0670cc11d9ed4cfd3b6cd7a724205ee5ff2dc58efd8b3dc")
        #expect(file.hashes.blake3 == "9a2a37ba5ca5f0ff0c5b2d475a37956c56cb85801ed0798bfd5abcc2fef7a306")
        #expect(file.hashes.crc32 == "e5fc7d59")
        #expect(file.header?.value("sshs_model_hash") == file.hashes.autov3)
    }

    @Test func kohyaAndModelSpecSummary() throws {
        let header = try #require(try ModelFile(path: Self.lora).header)
        let training = try #require(header.trainingSummary)
        #expect(training.outputName == "inkwash_style_v2")
        #expect(training.title == "inkwash_style_v2")
        #expect(training.author == "example")
        #expect(training.comment == "trained on scans of artistname's 2019 sketchbook")
        #expect(training.license == "CreativeML Open RAIL++-M")
        #expect(training.architecture == "stable-diffusion-xl-v1-base/lora")
        #expect(training.networkModule == "networks.lora")
        #expect(training.networkDim == 16)
        #expect(training.networkAlpha == 8)
        #expect(training.datasetFolders == [.init(name: "10_inkwash artistname", imageCount: 40, repeats: 10)])
        #expect(training.imageCount == 40)
        #expect(
            training.topTags == [
                .init(tag: "inkwash artistname", count: 40), .init(tag: "1girl", count: 31),
                .init(tag: "monochrome", count: 22),
            ]
        )
        #expect(header.triggerWords == ["inkwash artistname"])
        #expect(header.value("ss_sd_model_name") == "sd_xl_base_1.0.safetensors")
        #expect(header.tensors.count == 4)
    }

    @Test func tagsAreSummedOverFoldersAndDatasets() throws {
        let metadata = #"""
            {"__metadata__": {"ss_tag_frequency": "{\"5_rutkowski\": {\"greg rutkowski\": 12, \"castle\": 3}, \"2_misc\": {\"castle\": 10, \" sky\": 1}}", \#
            "ss_datasets": "[{\"subsets\": [{\"image_dir\": \"3_extra\", \"img_count\": 7, \"num_repeats\": 3}], \"tag_frequency\": {\"3_extra\": {\"greg rutkowski\": 2}}}]"}}
            """#
        let bytes = Self.safetensors(header: metadata)
        let header = try SafetensorsHeader(prefix: bytes, fileSize: bytes.count)
        #expect(
            header.topTags == [
                .init(tag: "greg rutkowski", count: 14), .init(tag: "castle", count: 13), .init(tag: "sky", count: 1),
            ]
        )
        #expect(header.datasetFolders.map(\.name) == ["3_extra", "5_rutkowski", "2_misc"])
        #expect(header.datasetFolders.map(\.repeats) == [3, 5, 2])
    }

    @Test func hashesMatchB3sumAndOpenSSLAcrossChunks() throws {
        // A cheap pseudo-random stream: a debug build's random generator is slow for 9 MiB.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let data = (0..<(9 << 20) + 12345).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let header = Self.safetensors(header: #"{"t": {"dtype": "U8", "shape": [4], "data_offsets": [0, 4]}}"#)
        let path = try Self.temporaryFile(header + data)
        let file = try ModelFile(path: path)
        #expect(file.hashes.sha256 == Self.command(["sha256sum", path]).prefix(64).description)
        #expect(file.hashes.blake3 == Self.command(["b3sum", "--no-names", path]).prefix(64).description)
        let dataPath = try Self.temporaryFile(data, name: "data.bin")
        #expect(file.hashes.autov3 == Self.command(["sha256sum", dataPath]).prefix(64).description)
        let window = try Self.temporaryFile(Array((header + data)[0x100000..<0x110000]), name: "window.bin")
        #expect(file.hashes.autov1 == Self.command(["sha256sum", window]).prefix(8).description)
    }

    static func command(_ arguments: [String]) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { return "cannot run \(arguments[0])" }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func otherFormatsHashWithoutAHeader() throws {
        let path = try Self.temporaryFile(Array("not a safetensors file".utf8), name: "model.ckpt")
        let file = try ModelFile(path: path)
        #expect(file.header == nil)
        #expect(file.hashes.autov3 == nil)
        #expect(file.hashes.autov1 == nil)
        #expect(file.hashes.sha256 == Self.command(["sha256sum", path]).prefix(64).description)
    }

    static let hostile: [(String, [UInt8])] = [
        ("2^62 length", safetensors(header: "{}", length: 1 << 62)),
        ("length past the end", safetensors(header: "{}", length: 4096)),
        ("one-byte header", safetensors(header: "{", length: 1)),
        ("not JSON", safetensors(header: "{not json}")),
        ("not an object", safetensors(header: "[1, 2]")),
        ("non-string metadata", safetensors(header: #"{"__metadata__": {"a": 1}}"#)),
        (
            "tensor outside data",
            safetensors(header: #"{"t": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}"#, data: [0, 0, 0, 0])
        ),
        ("tensor without dtype", safetensors(header: #"{"t": {"shape": [1], "data_offsets": [0, 1]}}"#, data: [0])),
        (
            "negative shape",
            safetensors(header: #"{"t": {"dtype": "U8", "shape": [-1], "data_offsets": [0, 1]}}"#, data: [0])
        ),
        ("invalid UTF-8", safetensors(header: "{}").dropLast() + [0xFF]),
        ("four bytes", [1, 2, 3, 4]),
    ]

    @Test(arguments: 0..<hostile.count)
    func hostileHeadersAreRefused(index: Int) throws {
        let (name, bytes) = Self.hostile[index]
        let path = try Self.temporaryFile(bytes)
        #expect(throws: MediaError.self, "\(name)") { try ModelFile(path: path) }
    }

    @Test func missingFileIsAnIOError() {
        #expect {
            try ModelFile(path: "/nonexistent/x.safetensors")
        } throws: { ($0 as? MediaError)?.code == .io }
    }
}
