import ColophonMedia
import Testing

@Suite struct InfotextParserTests {
    @Test func quotedLoraHashesKeepTheirCommas() {
        let text = """
            cinematic photo of a red fox in snow, 雪, <lora:add-detail-xl:0.6> <lora:ink, style v2:1.1>
            shallow depth of field
            Negative prompt: blurry, watermark
            Steps: 30, Sampler: DPM++ 3M SDE, Schedule type: Exponential, CFG scale: 5.5, Seed: 2921279476, \
            Size: 1024x1024, Model hash: 31e35c80fc, Model: sd_xl_base_1.0, VAE hash: 235745af8d, \
            VAE: sdxl_vae.safetensors, Lora hashes: "add-detail-xl: 0d9bd1b873aa, ink style v2: 5e1a2b3c4d5e", \
            Version: v1.10.1
            """
        let result = InfotextParser().parse(text)
        #expect(
            result.prompt
                == "cinematic photo of a red fox in snow, 雪, <lora:add-detail-xl:0.6> <lora:ink, style v2:1.1>\nshallow depth of field"
        )
        #expect(result.negativePrompt == "blurry, watermark")
        #expect(result.value("Lora hashes") == "add-detail-xl: 0d9bd1b873aa, ink style v2: 5e1a2b3c4d5e")
        #expect(result.value("Seed") == "2921279476")
        #expect(result.value("Version") == "v1.10.1")
        #expect(result.settings.count == 12)
    }

    @Test func unquotedJSONIsMatchedByBracket() {
        let text =
            "a cat\nSteps: 20, Sampler: Euler, Hashes: {\"model\": \"aadddd3d75\", \"lora:x\": \"dcb69cd2497f\"}, Seed: 1"
        let result = InfotextParser().parse(text)
        #expect(result.value("Hashes") == "{\"model\": \"aadddd3d75\", \"lora:x\": \"dcb69cd2497f\"}")
        #expect(result.value("Seed") == "1")
    }

    @Test func fewerThanThreeSettingsIsPrompt() {
        let result = InfotextParser().parse("a photo: of a duck, Steps: 20")
        #expect(result.prompt == "a photo: of a duck, Steps: 20")
        #expect(result.settings.isEmpty)
        #expect(result.negativePrompt == nil)
    }

    /// A last line of 200,000 word characters and no colon: each start rescanned the rest of
    /// the run (35 s for 20,000 in a stamp). Every start inside a run fails where the run ends,
    /// so the scan resumes there.
    @Test func longRunsWithoutAColonAreLinear() {
        let clock = ContinuousClock()
        var started = clock.now
        let run = String(repeating: "a", count: 200_000)
        let plain = InfotextParser().parse("a prompt\nSteps: 20, Sampler: Euler, Seed: 1, \(run)")
        #expect(plain.value("Seed") == "1")
        #expect(clock.now - started < .seconds(5))
        // Unclosed brackets after every key: bracket matching spends a shared budget, then
        // values end at the next comma as upstream's do.
        started = clock.now
        let brackets = (0..<20_000).map { "K\($0): [" }.joined(separator: ", ")
        let parsed = InfotextParser().parse("a prompt\n\(brackets)")
        #expect(parsed.value("K0") == "[")
        #expect(parsed.settings.count == 20_000)
        #expect(clock.now - started < .seconds(5))
    }

    @Test func unbalancedQuotesDoNotCrash() {
        let result = InfotextParser().parse("x\nSteps: 20, Sampler: \"Euler, CFG scale: 7, Model: \"a\\")
        #expect(result.value("Steps") == "20")
        #expect(result.value("CFG scale") == "7")
    }
}
