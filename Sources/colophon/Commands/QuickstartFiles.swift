import ColophonCrypto
import ColophonMedia
import ColophonRecords
import Foundation

/// Real sample files for the quickstart, made on the spot so the story needs nothing outside
/// the binary: a base model and a style LoRA as safetensors files (the LoRA with kohya training
/// metadata naming its dataset), and a panel image carrying A1111 generation parameters.
struct QuickstartFiles {
    let folder: URL

    var model: String { folder.appendingPathComponent("sd_xl_base_sample.safetensors").path }
    var lora: String { folder.appendingPathComponent("painterly.safetensors").path }
    var panel: String { folder.appendingPathComponent("panel-1.png").path }

    /// Writes the weights files; returns the file names' hashes the panel's metadata cites.
    func writeWeights() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let modelData = Self.pseudoRandom(count: 1 << 18, seed: 1)
        try Data(
            Self.safetensors(
                metadata: [
                    "modelspec.sai_model_spec": "1.0.1", "modelspec.architecture": "stable-diffusion-xl-v1-base",
                    "modelspec.title": "SDXL sample", "modelspec.author": "Example Lab",
                    "modelspec.license": "CreativeML Open RAIL++-M",
                ],
                data: modelData
            )
        ).write(to: URL(fileURLWithPath: model))
        let loraData = Self.pseudoRandom(count: 1 << 16, seed: 2)
        try Data(
            Self.safetensors(
                metadata: [
                    "ss_output_name": "painterly", "ss_sd_model_name": "sd_xl_base_sample.safetensors",
                    "ss_base_model_version": "sdxl_base_v1-0", "ss_network_module": "networks.lora",
                    "ss_network_dim": "16", "ss_network_alpha": "8",
                    "ss_tag_frequency":
                        #"{"10_greg rutkowski": {"greg rutkowski": 412, "fantasy": 301, "castle": 120}}"#,
                    "ss_dataset_dirs": #"{"10_greg rutkowski": {"n_repeats": 10, "img_count": 412}}"#,
                    "ss_training_comment": "scraped from an online portfolio",
                    "sshs_model_hash": SHA256.hash(loraData).hex,
                ],
                data: loraData
            )
        ).write(to: URL(fileURLWithPath: lora))
    }

    /// Writes the panel with the parameters A1111 would have written for it.
    func writePanel(modelHash: String, loraHash: String) throws {
        let text = """
            a lighthouse keeper at dawn, oil painting, <lora:painterly:0.8>
            Negative prompt: blurry, watermark
            Steps: 30, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 1234567890, Size: 512x512, \
            Model hash: \(modelHash.prefix(10)), Model: sd_xl_base_sample, Lora hashes: "painterly: \(loraHash.prefix(12))", \
            Version: v1.10.1
            """
        var png = try PNGFile(bytes: try PNGEncoder.encode(SampleArt.lighthouse(side: 512)))
        try png.setText(PNGText(keyword: "parameters", text: text, kind: .text))
        try Data(png.serialized()).write(to: URL(fileURLWithPath: panel))
    }

    /// A safetensors file: one U8 tensor holding `data`, and the metadata.
    static func safetensors(metadata: [String: String], data: [UInt8]) throws -> [UInt8] {
        let header: JSONValue = .object([
            "__metadata__": .object(metadata.mapValues { .string($0) }),
            "weights": .object([
                "dtype": .string("U8"), "shape": .array([.number(Double(data.count))]),
                "data_offsets": .array([.number(0), .number(Double(data.count))]),
            ]),
        ])
        var json = try CanonicalJSON.encode(header)
        while json.count % 8 != 0 { json.append(0x20) }
        let length = UInt64(json.count)
        return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) } + json + data
    }

    static func pseudoRandom(count: Int, seed: UInt64) -> [UInt8] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }
}
