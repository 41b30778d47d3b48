import ColophonMedia
import Testing

/// Generator metadata in the variants and broken shapes that real files carry.
@Suite struct MetadataEdgeCaseTests {
    @Test func cyclicComfyGraphWarnsAndStops() throws {
        let graph = #"""
            {"1": {"class_type": "LoraLoader", "inputs": {"lora_name": "a.safetensors", "strength_model": 1, "model": ["2", 0]}},
             "2": {"class_type": "LoraLoader", "inputs": {"lora_name": "b.safetensors", "strength_model": 0.5, "model": ["1", 0]}},
             "3": {"class_type": "KSampler", "inputs": {"seed": ["4", 0], "steps": 20, "cfg": 7, "model": ["1", 0], "positive": ["5", 0], "negative": ["5", 0], "latent_image": ["6", 0]}},
             "4": {"class_type": "Seed", "inputs": {"seed": ["4", 0]}},
             "5": {"class_type": "ConditioningCombine", "inputs": {"conditioning_1": ["5", 0], "conditioning_2": ["9", 0]}},
             "6": {"class_type": "LatentUpscale", "inputs": {"samples": ["6", 0]}},
             "7": {"class_type": "SaveImage", "inputs": {"images": ["8", 0]}},
             "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0]}}}
            """#
        let p = try MetadataReader.parseComfyPrompt(graph)
        #expect(p.steps == 20)
        #expect(p.seed == nil)
        #expect(p.model == nil)
        #expect(p.adapters.map(\.name) == ["b.safetensors", "a.safetensors"])
        #expect(p.warnings.contains { $0.contains("loops back") })
        #expect(p.warnings.contains { $0.contains("cycle") })
        #expect(p.warnings.contains { $0.contains("missing node 9") })
    }

    /// 8,900 LoRA loaders in a chain, each linking its strengths into one 900-node chain of
    /// primitives: every walk re-followed the whole chain (105 s in a stamp). Each
    /// step's answer is remembered, so the chain is walked once.
    @Test func manyLoadersSharingALongPrimitiveChainAreWalkedOnce() throws {
        var nodes: [String] = []
        nodes.append(#""p0": {"class_type": "PrimitiveFloat", "inputs": {"value": 0.75}}"#)
        for index in 1..<900 {
            nodes.append(#""p\#(index)": {"class_type": "Reroute", "inputs": {"value": ["p\#(index - 1)", 0]}}"#)
        }
        nodes.append(#""name": {"class_type": "PrimitiveString", "inputs": {"value": "style.safetensors"}}"#)
        nodes.append(#""ckpt": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "base.safetensors"}}"#)
        let loaders = 8_900
        for index in 0..<loaders {
            let model = index == 0 ? "ckpt" : "l\(index - 1)"
            nodes.append(
                #""l\#(index)": {"class_type": "LoraLoader", "inputs": {"lora_name": ["name", 0], "strength_model": ["p899", 0], "strength_clip": ["p899", 0], "model": ["\#(model)", 0]}}"#
            )
        }
        nodes.append(
            #""s": {"class_type": "KSampler", "inputs": {"seed": 1, "steps": 20, "cfg": 7, "model": ["l\#(loaders - 1)", 0]}}"#
        )
        let clock = ContinuousClock()
        let started = clock.now
        let p = try MetadataReader.parseComfyPrompt("{" + nodes.joined(separator: ",") + "}")
        #expect(clock.now - started < .seconds(10))
        #expect(p.model?.name == "base.safetensors")
        #expect(p.adapters.count == loaders)
        #expect(p.adapters.first?.weight == 0.75)
        #expect(p.adapters.last?.name == "style.safetensors")
    }

    @Test func comfyMissingNodesAndLinkedSeeds() throws {
        let graph = #"""
            {"3": {"class_type": "KSampler", "inputs": {"seed": ["12", 0], "steps": 30, "cfg": 4.5, "sampler_name": "euler", "scheduler": "normal", "denoise": 1, "model": ["20", 0], "positive": ["6", 0], "negative": ["99", 0], "latent_image": ["5", 0]}},
             "12": {"class_type": "Seed Generator", "inputs": {"seed": 18446744073709551615}},
             "20": {"class_type": "Power Lora Loader (rgthree)", "inputs": {"PowerLoraLoaderHeaderWidget": {"type": "PowerLoraLoaderHeaderWidget"}, "lora_1": {"on": true, "lora": "style\\ink.safetensors", "strength": 0.7}, "lora_2": {"on": false, "lora": "off.safetensors", "strength": 1}, "➕ Add Lora": "", "model": ["21", 0], "clip": ["22", 0]}},
             "21": {"class_type": "UnetLoaderGGUF", "inputs": {"unet_name": "flux1-dev-Q8_0.gguf"}},
             "6": {"class_type": "CLIPTextEncode", "inputs": {"text": ["30", 0], "clip": ["20", 1]}},
             "30": {"class_type": "PrimitiveString", "inputs": {"value": "a lighthouse"}},
             "5": {"class_type": "EmptySD3LatentImage", "inputs": {"width": 832, "height": 1216, "batch_size": 1}}}
            """#
        let p = try MetadataReader.parseComfyPrompt(graph)
        #expect(p.seed == "18446744073709551615")
        #expect(p.prompt == "a lighthouse")
        #expect(p.negativePrompt == nil)
        #expect(p.model?.name == "flux1-dev-Q8_0.gguf")
        #expect(p.adapters == [ModelReference(name: "style\\ink.safetensors", kind: "lora", weight: 0.7)])
        #expect(p.adapters.first?.stem == "ink")
        #expect(p.width == 832 && p.height == 1216)
        #expect(p.warnings.contains { $0.contains("missing node 99") })
    }

    @Test func samplerCustomAdvancedFollowsItsHelpers() throws {
        let graph = #"""
            {"13": {"class_type": "SamplerCustomAdvanced", "inputs": {"noise": ["25", 0], "guider": ["22", 0], "sampler": ["16", 0], "sigmas": ["17", 0], "latent_image": ["5", 0]}},
             "25": {"class_type": "RandomNoise", "inputs": {"noise_seed": 972054013131368}},
             "22": {"class_type": "BasicGuider", "inputs": {"model": ["30", 0], "conditioning": ["26", 0]}},
             "26": {"class_type": "FluxGuidance", "inputs": {"guidance": 3.5, "conditioning": ["6", 0]}},
             "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a red bicycle", "clip": ["11", 0]}},
             "16": {"class_type": "KSamplerSelect", "inputs": {"sampler_name": "euler"}},
             "17": {"class_type": "BasicScheduler", "inputs": {"scheduler": "simple", "steps": 20, "denoise": 1, "model": ["30", 0]}},
             "30": {"class_type": "ModelSamplingFlux", "inputs": {"model": ["31", 0]}},
             "31": {"class_type": "LoraLoaderModelOnly", "inputs": {"lora_name": "flux_realism.safetensors", "strength_model": 0.9, "model": ["12", 0]}},
             "12": {"class_type": "UNETLoader", "inputs": {"unet_name": "flux1-dev.safetensors", "weight_dtype": "default"}},
             "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 1024, "height": 768, "batch_size": 1}},
             "9": {"class_type": "SaveImage", "inputs": {"images": ["8", 0]}},
             "8": {"class_type": "VAEDecode", "inputs": {"samples": ["13", 0]}}}
            """#
        let p = try MetadataReader.parseComfyPrompt(graph)
        #expect(p.seed == "972054013131368")
        #expect(p.sampler == "euler")
        #expect(p.scheduler == "simple")
        #expect(p.steps == 20)
        #expect(p.prompt == "a red bicycle")
        #expect(p.model?.name == "flux1-dev.safetensors")
        #expect(p.adapters.map(\.name) == ["flux_realism.safetensors"])
        #expect(p.adapters.first?.weight == 0.9)
        #expect(p.width == 1024 && p.height == 768)
        #expect(p.warnings.isEmpty)
    }

    @Test func inpaintingInComfyIsAComposite() throws {
        let graph = #"""
            {"3": {"class_type": "KSampler", "inputs": {"seed": 1, "steps": 20, "cfg": 7, "model": ["4", 0], "positive": ["6", 0], "negative": ["6", 0], "latent_image": ["7", 0], "denoise": 1}},
             "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "inpaint.safetensors"}},
             "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a hat", "clip": ["4", 1]}},
             "7": {"class_type": "VAEEncodeForInpaint", "inputs": {"pixels": ["8", 0], "vae": ["4", 2], "mask": ["8", 1], "grow_mask_by": 6}},
             "8": {"class_type": "LoadImage", "inputs": {"image": "photo.png"}}}
            """#
        let p = try MetadataReader.parseComfyPrompt(graph)
        #expect(p.isImageToImage && p.isInpainting)
    }

    @Test(arguments: ["", "[]", "{\"1\": 5}", "{\"1\": {\"inputs\": {}}}", "{", "{\"a\": [1, 2"])
    func malformedComfyPromptsAreErrors(text: String) {
        #expect(throws: MediaError.self) { try MetadataReader.parseComfyPrompt(text) }
    }

    @Test func graphWithoutSamplerIsAWarning() throws {
        let p = try MetadataReader.parseComfyPrompt(#"{"1": {"class_type": "LoadImage", "inputs": {}}}"#)
        #expect(p.warnings == ["ComfyUI prompt: no sampler node"])
    }

    @Test func unbalancedQuotesStillYieldTheRest() {
        let text =
            "a cat\nNegative prompt: dog\nSteps: 20, Sampler: Euler, Lora hashes: \"broken: 0123456789ab, Seed: 5, Size: 64x32"
        let p = MetadataReader.parseInfotext(text)
        #expect(p.prompt == "a cat")
        #expect(p.negativePrompt == "dog")
        #expect(p.steps == 20)
        #expect(p.seed == "5")
        #expect(p.width == 64 && p.height == 32)
    }

    @Test func img2imgAndInpaintingFromInfotext() {
        let img2img = MetadataReader.parseInfotext("x\nSteps: 20, Sampler: Euler, Seed: 1, Denoising strength: 0.6")
        #expect(img2img.isImageToImage && !img2img.isInpainting)
        #expect(img2img.denoisingStrength == 0.6)
        let inpaint = MetadataReader.parseInfotext(
            "x\nSteps: 20, Sampler: Euler, Seed: 1, Denoising strength: 0.75, Mask blur: 4"
        )
        #expect(inpaint.isImageToImage && inpaint.isInpainting)
        let hires = MetadataReader.parseInfotext(
            "x\nSteps: 20, Sampler: Euler, Seed: 1, Denoising strength: 0.7, Hires upscale: 2"
        )
        #expect(!hires.isImageToImage)
    }

    @Test func sdNextListsNetworksAndHashesApart() {
        let text = """
            portrait <lora:detail:0.7>
            Steps: 20, Seed: 3, Sampler: DPM++ 2M, CFG scale: 6, Size: 512x512, Model: sdxl base, Model hash: 31e35c80, \
            App: SD.Next, Version: 8e3d8b1, LoRA networks: "detail, film grain", LoRA hashes: "a1b2c3d4, e5f6a7b8"
            """
        let p = MetadataReader.parseInfotext(text)
        #expect(p.generator == .sdNext)
        #expect(p.model?.hash?.algorithms == [.sha256, .autoV1])
        #expect(p.adapters.map(\.name) == ["detail", "film grain"])
        #expect(p.adapters.map(\.hash?.value) == ["a1b2c3d4", "e5f6a7b8"])
        #expect(p.adapters.map(\.weight) == [0.7, nil])
    }

    @Test func hashesJSONAddNetAndBlockWeights() {
        let text = """
            girl <lora:BlueArchive10:1,0,0,0,1> <lyco:paint:0.4:0.2> <hypernet:anime:0.5>
            Steps: 20, Sampler: Euler, Seed: 1, Model: deliberate_v3, Hashes: {"model": "aadddd3d75", "lora:paint": "dcb69cd2497f"}, \
            AddNet Enabled: True, AddNet Module 1: LoRA, AddNet Model 1: sakurako-soredemo-01(8c052dc68980), AddNet Weight A 1: 0.8, AddNet Weight B 1: 0.6
            """
        let p = MetadataReader.parseInfotext(text)
        #expect(p.model?.hash?.value == "aadddd3d75")
        #expect(p.adapters.map(\.name) == ["BlueArchive10", "paint", "anime", "sakurako-soredemo-01"])
        #expect(p.adapters[0].weight == nil)
        #expect(p.adapters[1].weight == 0.2 && p.adapters[1].clipWeight == 0.4)
        #expect(p.adapters[1].hash?.value == "dcb69cd2497f")
        #expect(p.adapters[2].kind == "hypernetwork")
        #expect(p.adapters[3].hash?.value == "8c052dc68980")
        #expect(p.adapters[3].weight == 0.8 && p.adapters[3].clipWeight == 0.6)
    }

    @Test func fooocusA1111Scheme() throws {
        let text = """
            a goldfish
            Negative prompt: blur
            Steps: 30, Sampler: dpmpp_2m_sde_gpu, Seed: 6952411511246973023, Size: 1024x1024, Model: juggernautXL, \
            Model hash: aeb7e9e689, Lora hashes: "sd_xl_offset_example-lora_1.0: 4852686128", \
            Lora weights: "sd_xl_offset_example-lora_1.0: 0.1", Version: Fooocus v2.5.5
            """
        let p = try #require(
            try MetadataReader.parse(fields: [
                .init(key: "parameters", value: text), .init(key: "fooocus_scheme", value: "a1111"),
            ])
        )
        #expect(p.generator == .fooocus)
        #expect(p.seed == "6952411511246973023")
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
    }

    @Test func unknownJSONParametersAreUnreadableNotSilent() {
        #expect(throws: MediaError.self) {
            try MetadataReader.parse(fields: [.init(key: "parameters", value: #"{"made_by": "someone else"}"#)])
        }
        #expect(throws: MediaError.self) {
            try MetadataReader.parse(fields: [.init(key: "invokeai_metadata", value: "{not json")])
        }
    }

    @Test func swarmUI() throws {
        let json = #"""
            {"sui_image_params": {"prompt": "a castle, sunset", "negativeprompt": "blurry", "model": "OfficialStableDiffusion/sd_xl_base_1.0", \#
            "seed": 1234567890123, "steps": 28, "cfgscale": 6.5, "width": 1024, "height": 768, "sampler": "dpmpp_2m", "scheduler": "karras", \#
            "loras": ["ink_style", "detail"], "loraweights": ["0.8", "0.4"], "swarm_version": "0.9.2.1", "aspectratio": "4:3"}, \#
            "sui_models": [{"name": "sd_xl_base_1.0.safetensors", "param": "model", "hash": "0x31e35c80fc4829d14f90153f4c74cd59c90b779f6afe05a74cd6120b893f7e5b"}, \#
            {"name": "ink_style.safetensors", "param": "loras", "hash": "0x8c052dc689801234"}]}
            """#
        let p = try #require(try MetadataReader.parse(fields: [.init(key: "parameters", value: json)]))
        #expect(p.generator == .swarmUI)
        #expect(p.generatorVersion == "0.9.2.1")
        #expect(p.prompt == "a castle, sunset")
        #expect(p.negativePrompt == "blurry")
        #expect(p.seed == "1234567890123")
        #expect(p.steps == 28 && p.cfgScale == 6.5 && p.width == 1024 && p.height == 768)
        #expect(p.sampler == "dpmpp_2m" && p.scheduler == "karras")
        #expect(p.model?.name == "OfficialStableDiffusion/sd_xl_base_1.0")
        #expect(p.model?.hash?.value == "31e35c80fc4829d14f90153f4c74cd59c90b779f6afe05a74cd6120b893f7e5b")
        #expect(p.adapters.map(\.name) == ["ink_style", "detail"])
        #expect(p.adapters.map(\.weight) == [0.8, 0.4])
        #expect(p.adapters.map(\.hash?.value) == ["8c052dc689801234", nil])
        #expect(p.setting("aspectratio") == "4:3")
    }

    @Test func swarmUIExtremeNumbers() throws {
        let json = #"{"sui_image_params": {"clipstopatlayer": -9223372036854775808, "seed": 99999999999999999999999}}"#
        let p = try #require(try MetadataReader.parse(fields: [.init(key: "parameters", value: json)]))
        #expect(p.clipSkip == nil)
        #expect(p.seed == "99999999999999999999999")
    }

    @Test func oversizedFieldIsRefused() {
        let big = String(repeating: "a", count: MetadataReader.maxFieldBytes + 1)
        #expect(throws: MediaError.self) { try MetadataReader.parse(fields: [.init(key: "parameters", value: big)]) }
    }

    @Test func plainPhotoHasNoParameters() throws {
        #expect(try MetadataReader.parse(fields: [.init(key: "Software", value: "GIMP 2.10")]) == nil)
        #expect(try MetadataReader.parse(fields: [.init(key: "EXIF UserComment", value: "holiday in Rome")]) == nil)
    }

    @Test func hashClaimsRefuseNonHex() {
        #expect(HashClaim("xyz123", algorithms: [.sha256]) == nil)
        #expect(HashClaim("md5:0123abcd", algorithms: [.sha256]) == nil)
        #expect(
            HashClaim("blake3:ABCDEF0123", algorithms: [.sha256])
                == HashClaim(value: "abcdef0123", algorithms: [.blake3])
        )
    }
}
