import ColophonMedia
import Foundation
import Testing

/// Every generator fixture, read to the values its generator wrote.
@Suite struct MetadataReaderTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/gen-metadata").standardized

    static func report(_ path: String, decode: Bool = true) throws -> MetadataReport {
        let bytes = Array(try Data(contentsOf: root.appendingPathComponent(path)))
        let file = try ImageFile(bytes: bytes)
        let image = decode && file.mediaType != .webp ? try ImageDecoder.decode(bytes) : nil
        return MetadataReader.read(file, image: image)
    }

    static func parameters(_ path: String) throws -> GenerationParameters {
        let report = try report(path)
        return try #require(report.parameters, "\(path): \(report.problems)")
    }

    @Test(arguments: [
        "sd-parsers/AUTOMATIC1111/automatic1111_cropped.png", "sd-parsers/AUTOMATIC1111/automatic1111_cropped.jpg",
    ])
    func realA1111(path: String) throws {
        let p = try Self.parameters(path)
        #expect(p.generator == .automatic1111)
        #expect(p.prompt == "photo of a duck")
        #expect(p.negativePrompt == "monochrome")
        #expect(p.steps == 15)
        #expect(p.sampler == "UniPC")
        #expect(p.cfgScale == 5)
        #expect(p.seed == "235284042")
        #expect(p.width == 512 && p.height == 400)
        #expect(p.model?.name == "realistic_realisticVisionV20_v20")
        #expect(p.model?.hash?.value == "c0d1994c73")
        #expect(p.model?.hash?.algorithms == [.sha256])
        #expect(p.adapters.isEmpty)
        #expect(!p.isImageToImage)
        #expect(p.raw.contains { $0.key == "parameters" || $0.key == "EXIF UserComment" })
    }

    @Test func realA1111StealthAlpha() throws {
        let report = try Self.report("sd-parsers/AUTOMATIC1111/automatic1111_stealth.png")
        let p = try #require(report.parameters)
        #expect(p.generator == .automatic1111)
        #expect(p.prompt == "a circle")
        #expect(p.negativePrompt == "a square")
        #expect(p.steps == 20)
        #expect(p.sampler == "Euler")
        #expect(p.scheduler == "Automatic")
        #expect(p.cfgScale == 7)
        #expect(p.seed == "2015833630")
        #expect(p.width == 64 && p.height == 64)
        #expect(p.model?.name == "realisticVisionV51_v51VAE")
        #expect(p.model?.hash?.value == "15012c538f")
        #expect(p.clipSkip == 2)
        #expect(p.generatorVersion == "v1.9.4-169-ga30b19dd")
        #expect(report.raw.last?.key == "stealth")
        // Without the pixels there is nothing to read.
        #expect(try Self.report("sd-parsers/AUTOMATIC1111/automatic1111_stealth.png", decode: false).parameters == nil)
    }

    @Test func synthA1111WithLoraAndHires() throws {
        let p = try Self.parameters("synth/a1111_s1.png")
        #expect(p.prompt == "masterpiece, best quality, 1girl, watercolor, <lora:watercolorStyle_v2:0.8>")
        #expect(p.negativePrompt == "lowres, bad anatomy, (worst quality:1.4), EasyNegative")
        #expect(p.steps == 28)
        #expect(p.sampler == "DPM++ 2M")
        #expect(p.scheduler == "Karras")
        #expect(p.cfgScale == 7)
        #expect(p.seed == "1234567890")
        #expect(p.width == 512 && p.height == 768)
        #expect(
            p.model
                == ModelReference(
                    name: "v1-5-pruned-emaonly",
                    hash: HashClaim(value: "6ce0161689", algorithms: [.sha256])
                )
        )
        #expect(p.denoisingStrength == 0.45)
        #expect(p.clipSkip == 2)
        #expect(p.adapters.count == 1)
        let lora = try #require(p.adapters.first)
        #expect(lora.name == "watercolorStyle_v2")
        #expect(lora.weight == 0.8)
        #expect(lora.hash == HashClaim(value: "8c052dc68980", algorithms: [.autoV3, .sha256]))
        // The denoising strength belongs to the hires pass: still text-to-image.
        #expect(!p.isImageToImage)
        #expect(p.setting("TI hashes") == "EasyNegative: c74b4e810b03")
        #expect(p.setting("Hires upscaler") == "R-ESRGAN 4x+ Anime6B")
    }

    @Test(arguments: ["synth/a1111_s2.png", "synth/a1111_s2.jpg", "synth/a1111_s2.webp"])
    func synthA1111TwoLorasInEveryContainer(path: String) throws {
        let p = try Self.parameters(path)
        #expect(
            p.prompt
                == "cinematic photo of a red fox in snow, 雪, <lora:add-detail-xl:0.6> <lora:ink, style v2:1.1>\nshallow depth of field"
        )
        #expect(p.negativePrompt == "blurry, watermark")
        #expect(p.seed == "2921279476")
        #expect(p.steps == 30)
        #expect(p.sampler == "DPM++ 3M SDE")
        #expect(p.scheduler == "Exponential")
        #expect(p.cfgScale == 5.5)
        #expect(p.width == 1024 && p.height == 1024)
        #expect(p.model?.name == "sd_xl_base_1.0")
        #expect(p.model?.hash?.value == "31e35c80fc")
        #expect(p.vae?.name == "sdxl_vae.safetensors")
        #expect(p.vae?.hash?.value == "235745af8d")
        #expect(p.adapters.map(\.name) == ["add-detail-xl", "ink, style v2"])
        #expect(p.adapters.map(\.weight) == [0.6, 1.1])
        #expect(p.adapters.map(\.hash?.value) == ["0d9bd1b873aa", "5e1a2b3c4d5e"])
    }

    @Test func forgeFlux() throws {
        let p = try Self.parameters("synth/forge_s3.png")
        #expect(p.generator == .forge)
        #expect(p.generatorVersion == "f2.0.1v1.10.1-previous-669-gdfdcbab6")
        #expect(p.prompt == "a neon-lit ramen stall at night, rain, <lora:flux_anime_lora:0.9>")
        #expect(p.negativePrompt == nil)
        #expect(p.seed == "42")
        #expect(p.steps == 20)
        #expect(p.cfgScale == 1)
        #expect(p.setting("Distilled CFG Scale") == "3.5")
        #expect(p.width == 896 && p.height == 1152)
        #expect(p.model?.name == "flux1-dev-bnb-nf4-v2")
        #expect(p.model?.hash?.algorithms == [.sha256, .nameSHA256])
        #expect(
            p.adapters == [
                ModelReference(
                    name: "flux_anime_lora",
                    hash: HashClaim(value: "9f0e1d2c3b4a", algorithms: [.autoV3, .sha256, .nameSHA256]),
                    kind: "lora",
                    weight: 0.9,
                    clipWeight: 0.9
                )
            ]
        )
        #expect(p.setting("Module 3") == "t5xxl_fp8_e4m3fn")
    }

    @Test(arguments: ["synth/comfyui_s1.png", "synth/comfyui_s1.webp"])
    func comfyLoraChain(path: String) throws {
        let p = try Self.parameters(path)
        #expect(p.generator == .comfyUI)
        #expect(p.prompt == "ink painting of a heron, 鷺, misty lake")
        #expect(p.negativePrompt == "blurry, watermark")
        #expect(p.seed == "156680208700286")
        #expect(p.steps == 25)
        #expect(p.cfgScale == 6.5)
        #expect(p.sampler == "dpmpp_2m")
        #expect(p.scheduler == "karras")
        #expect(p.denoisingStrength == 1.0)
        #expect(p.width == 1024 && p.height == 1024)
        #expect(p.model?.name == "sd_xl_base_1.0.safetensors")
        #expect(p.adapters.map(\.name) == ["styles/ink_style_v2.safetensors", "add-detail-xl.safetensors"])
        #expect(p.adapters.map(\.weight) == [0.8, 0.5])
        #expect(p.adapters.map(\.clipWeight) == [0.6, nil])
        #expect(p.adapters.first?.stem == "ink_style_v2")
        #expect(!p.isImageToImage)
        #expect(p.warnings.isEmpty)
    }

    @Test func comfyImg2Img() throws {
        let p = try Self.parameters("sd-parsers/ComfyUI/img2img_cropped.png")
        #expect(p.prompt == "photograph of victorian woman with wings, sky clouds, meadow grass\n")
        #expect(p.negativePrompt == "watermark, text\n")
        #expect(p.seed == "280823642470253")
        #expect(p.steps == 20)
        #expect(p.cfgScale == 8)
        #expect(p.sampler == "sample_dpmpp_2m")
        #expect(p.denoisingStrength == 0.8700000000000001)
        #expect(p.model?.name == "v1-5-pruned-emaonly.ckpt")
        #expect(p.isImageToImage)
        #expect(!p.isInpainting)
    }

    @Test func comfyRealGraphs() throws {
        let night = try Self.parameters("sd-parsers/ComfyUI/night_evening_day_morning_cropped.png")
        #expect(night.seed == "335608130539327")
        #expect(night.steps == 13)
        #expect(night.cfgScale == 8.5)
        #expect(night.sampler == "dpmpp_sde")
        #expect(night.width == 704 && night.height == 1280)
        #expect(night.prompt?.contains("beautiful landscape breathtaking amazing view") == true)
        #expect(night.negativePrompt?.hasPrefix("(hands), text, error") == true)
        #expect(night.model?.name != nil)

        let noisy = try Self.parameters("sd-parsers/ComfyUI/noisy_latents_3_subjects_cropped.png")
        #expect(noisy.model?.name == "Anything-V3.0.ckpt")
        #expect(noisy.seed != nil && noisy.steps != nil)

        let unclip = try Self.parameters("sd-parsers/ComfyUI/unclip_2pass_cropped.png")
        #expect(unclip.seed != nil && unclip.model?.name != nil)
        #expect(unclip.negativePrompt?.hasPrefix("lowres, (bad anatomy)") == true)
    }

    @Test(arguments: ["sd-parsers/Fooocus/fooocus1_cropped.png", "synth/fooocus_s1.png", "synth/fooocus_s1.jpg"])
    func fooocus(path: String) throws {
        let p = try Self.parameters(path)
        #expect(p.generator == .fooocus)
        #expect(p.model?.name == "juggernautXL_v8Rundiffusion")
        #expect(p.model?.hash == HashClaim(value: "aeb7e9e689", algorithms: [.sha256]))
        #expect(p.setting("adm_guidance") == "(1.5, 0.8, 0.3)")
        if path.contains("synth") {
            #expect(p.prompt == "a smiling goldfish")
            #expect(p.negativePrompt == "")
            #expect(p.seed == "6952411511246973023")
            #expect(p.steps == 30)
            #expect(p.cfgScale == 4)
            #expect(p.sampler == "dpmpp_2m_sde_gpu")
            #expect(p.scheduler == "karras")
            #expect(p.width == 1024 && p.height == 1024)
            #expect(p.generatorVersion == "Fooocus v2.5.5")
            #expect(
                p.adapters == [
                    ModelReference(
                        name: "sd_xl_offset_example-lora_1.0",
                        hash: HashClaim(value: "4852686128", algorithms: [.sha256]),
                        kind: "lora",
                        weight: 0.1
                    )
                ]
            )
        } else {
            #expect(p.prompt == "a smiling goldfish")
            #expect(p.generatorVersion == "Fooocus v2.4.3")
        }
    }

    @Test func invokeAI5() throws {
        let p = try Self.parameters("synth/invokeai_v5.png")
        #expect(p.generator == .invokeAI)
        #expect(p.generatorVersion == "5.4.2")
        #expect(p.prompt == "a robot reading a book")
        #expect(p.negativePrompt == "")
        #expect(p.seed == "591741300")
        #expect(p.steps == 30)
        #expect(p.cfgScale == 5)
        #expect(p.scheduler == "dpmpp_2m_sde")
        #expect(p.width == 1024 && p.height == 1024)
        #expect(p.model?.name == "juggernautXL_v9")
        #expect(
            p.model?.hash
                == HashClaim(
                    value: "8967e7e6df2e97e08c61543779f7cc6b43b364287c375cd6dbff1627fd044312",
                    algorithms: [.blake3]
                )
        )
        #expect(p.adapters.map(\.name) == ["pixel_art_xl"])
        #expect(p.adapters.first?.weight == 0.75)
        #expect(p.adapters.first?.hash?.value == "aa11bb22cc33dd44ee55ff6600112233445566778899aabbccddeeff00112233")
    }

    @Test func invokeAI3() throws {
        let p = try Self.parameters("sd-parsers/InvokeAI/invokeai_imeta1.png")
        #expect(p.prompt == "digital artwork, oil painting. painterly brushstrokes, holidays,")
        #expect(
            p.negativePrompt
                == "grainy+, photo, oversaturated, overexposed, blurry, compressed jpg+, noisy++, unfocused , black and white"
        )
        #expect(p.seed == "3293022630")
        #expect(p.steps == 35)
        #expect(p.cfgScale == 8)
        #expect(p.scheduler == "euler")
        #expect(p.model?.name == "juggernautXL")
        #expect(p.vae?.name == "VAEFix")
        #expect(p.setting("generation_mode") == "sdxl_txt2img")
    }

    @Test(arguments: ["sd-parsers/InvokeAI/invokeai_sdmeta1.png", "sd-parsers/InvokeAI/invokeai_dream1.png"])
    func invokeAI2(path: String) throws {
        let p = try Self.parameters(path)
        #expect(p.generator == .invokeAI)
        #expect(p.prompt?.hasPrefix("professional full body photo of young woman") == true)
        #expect(p.seed == "2980747362")
        #expect(p.steps == 50)
        #expect(p.cfgScale == 5)
        #expect(p.sampler == "k_lms")
        #expect(p.width == 512 && p.height == 768)
        if path.contains("sdmeta") {
            #expect(p.model?.name == "deliberateForInvoke_v08")
            #expect(p.model?.hash?.value == "56d1442a0feefd64836a19ac8e3527ec71c884fc962e246ddf67b03e42921272")
            #expect(p.generatorVersion == "2.3.0")
        }
    }

    @Test(arguments: ["sd-parsers/NovelAI/novelai1_cropped.png", "synth/novelai_v1.png"])
    func novelAI(path: String) throws {
        let p = try Self.parameters(path)
        #expect(p.generator == .novelAI)
        #expect(p.model?.name == "Stable Diffusion")
        #expect(p.model?.hash == HashClaim(value: "1d44365e", algorithms: [.vendor]))
        #expect(p.seed == "2253955223")
        #expect(p.sampler == "k_euler_ancestral")
        if path.contains("synth") {
            #expect(p.prompt == "masterpiece, best quality, cat, space, icon")
            #expect(p.negativePrompt == "lowres, bad anatomy, bad hands, text, error")
            #expect(p.steps == 28)
            #expect(p.cfgScale == 11)
        } else {
            #expect(p.prompt == "masterpiece, best quality,  cat, space, icon")
            #expect(p.steps == 50)
            #expect(p.cfgScale == 10)
            #expect(p.negativePrompt?.hasPrefix("lowres, bad anatomy, bad hands") == true)
        }
    }

    /// An RGBA image whose low bits carry `payload` after `signature`, as NovelAI and Forge
    /// write them (column-major, most significant bit first).
    static func stealthImage(signature: String, payload: [UInt8], channels: [Int], side: Int = 64) -> DecodedImage {
        var rgba = [UInt8](repeating: 0xFE, count: side * side * 4)
        var bits: [UInt8] = []
        let length = UInt32(payload.count * 8)
        for byte in Array(signature.utf8) + [
            UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF),
        ] + payload {
            for shift in stride(from: 7, through: 0, by: -1) { bits.append(byte >> UInt8(shift) & 1) }
        }
        var index = 0
        outer: for x in 0..<side {
            for y in 0..<side {
                for channel in channels {
                    guard index < bits.count else { break outer }
                    rgba[(y * side + x) * 4 + channel] |= bits[index]
                    index += 1
                }
            }
        }
        return DecodedImage(
            width: side,
            height: side,
            rgba: rgba,
            source: .init(mediaType: .png, colorType: 6, bitDepth: 8, hasAlpha: true)
        )
    }

    @Test func novelAIStealthCopySurvivesStrippedChunks() throws {
        let bytes = Array(try Data(contentsOf: Self.root.appendingPathComponent("synth/novelai_v1.png")))
        var png = try PNGFile(bytes: bytes)
        for keyword in ["Title", "Description", "Software", "Source", "Comment"] { png.removeText(keyword: keyword) }
        let stripped = try ImageFile(bytes: png.serialized())
        #expect(MetadataReader.read(stripped).parameters == nil)
        let json =
            #"{"Description": "a cat in space", "Software": "NovelAI", "Source": "Stable Diffusion XL C1E1DE52", "Comment": "{\"steps\": 28, \"seed\": 42, \"scale\": 5.0, \"uc\": \"lowres\"}"}"#
        let image = Self.stealthImage(signature: "stealth_pnginfo", payload: Array(json.utf8), channels: [3])
        let report = MetadataReader.read(stripped, image: image)
        let p = try #require(report.parameters, "\(report.problems)")
        #expect(p.generator == .novelAI)
        #expect(p.prompt == "a cat in space")
        #expect(p.negativePrompt == "lowres")
        #expect(p.seed == "42")
        #expect(p.steps == 28)
        #expect(p.model?.name == "Stable Diffusion XL")
        #expect(p.model?.hash?.value == "c1e1de52")
        #expect(report.raw.map(\.key) == ["stealth"])
    }

    @Test func stealthInRGBChannels() throws {
        let text = "a dog\nSteps: 12, Sampler: Euler a, CFG scale: 6, Seed: 7, Size: 64x64"
        let image = Self.stealthImage(signature: "stealth_rgbinfo", payload: Array(text.utf8), channels: [0, 1, 2])
        #expect(try StealthInfo.read(image) == text)
    }

    @Test func stealthWithALengthBeyondTheImageIsAnError() {
        var image = Self.stealthImage(signature: "stealth_pnginfo", payload: Array("x".utf8), channels: [3], side: 16)
        // Declare 65,536 bits where the image holds 256: bits 120…151 are the length.
        var rgba = image.rgba
        for bit in 120..<152 {
            let offset = ((bit % 16) * 16 + bit / 16) * 4 + 3
            rgba[offset] = rgba[offset] & 0xFE | (bit == 135 ? 1 : 0)
        }
        image = DecodedImage(width: 16, height: 16, rgba: rgba, source: image.source)
        #expect(throws: MediaError.self) { try StealthInfo.read(image) }
    }

    @Test func noStealthSignatureIsNoMetadata() throws {
        let image = DecodedImage(
            width: 8,
            height: 8,
            rgba: [UInt8](repeating: 0x55, count: 256),
            source: .init(mediaType: .png, colorType: 6, bitDepth: 8, hasAlpha: true)
        )
        #expect(try StealthInfo.read(image) == nil)
    }

    @Test func dstFixturesCarryA1111Text() throws {
        #expect(try Self.parameters("synth/dst.png").seed == "1234567890")
        #expect(try Self.parameters("synth/dst.jpg").seed == "2921279476")
    }
}
