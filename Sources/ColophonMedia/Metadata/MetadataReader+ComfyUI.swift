extension MetadataReader {
    static let samplerClasses: Set<String> = [
        "KSampler", "KSamplerAdvanced", "SamplerCustom", "SamplerCustomAdvanced", "KSampler (Efficient)",
        "KSampler Adv. (Efficient)", "KSamplerSelect",
    ]
    static let checkpointInputs = ["ckpt_name", "unet_name", "model_name", "model_path"]

    /// Reads a ComfyUI API graph: the sampler nearest the saved image, its seed, steps, CFG,
    /// sampler and scheduler (following links to seed, guider, sampler-select and scheduler
    /// nodes), the prompts that reach its positive and negative inputs, the latent size, and
    /// the chain of LoRA loaders between it and the checkpoint.
    public static func parseComfyPrompt(_ text: String) throws(MediaError) -> GenerationParameters {
        let graph = try ComfyGraph(json: try LooseJSON.parse(text))
        var result = GenerationParameters(generator: .comfyUI)
        var walker = ComfyWalker(graph: graph)
        guard let sampler = walker.primarySampler() else {
            result.warnings.append("ComfyUI prompt: no sampler node")
            return result
        }
        walker.read(sampler: sampler, into: &result)
        result.warnings += walker.warnings
        return result
    }
}

/// The walks over a ``ComfyGraph``; collects warnings for links to missing nodes and cycles.
struct ComfyWalker {
    let graph: ComfyGraph
    var warnings: [String] = []
    /// What a linked input resolved to, by node and input: many nodes may link into one long
    /// chain of primitives, which is then walked once, not once per node.
    private var resolved: [ChainStep: LooseJSON?] = [:]

    /// A node's input, one step of a walk.
    private struct ChainStep: Hashable {
        var node: String
        var key: String
    }

    init(graph: ComfyGraph) {
        self.graph = graph
    }

    /// The sampler that produced the output: the first sampler found walking back from an
    /// image-saving node, else the last sampler in the graph.
    mutating func primarySampler() -> ComfyGraph.Node? {
        let outputs = graph.nodes.filter { $0.classType.containsASCII("Save") || $0.classType.containsASCII("Preview") }
        var seen: Set<String> = []
        for output in outputs where seen.insert(output.id).inserted {
            var queue = [output.id]
            var head = 0
            while head < queue.count {
                let id = queue[head]
                head += 1
                guard let node = graph.node(id) else { continue }
                if MetadataReader.samplerClasses.contains(node.classType), node.classType != "KSamplerSelect" {
                    return node
                }
                for input in node.inputs {
                    if let next = ComfyGraph.link(input.value), seen.insert(next).inserted { queue.append(next) }
                }
            }
        }
        return graph.nodes.last {
            MetadataReader.samplerClasses.contains($0.classType) && $0.classType != "KSamplerSelect"
        }
    }

    /// Follows a link input to its node, noting a dangling link.
    mutating func follow(_ value: LooseJSON?, from node: ComfyGraph.Node, input: String) -> ComfyGraph.Node? {
        guard let id = ComfyGraph.link(value) else { return nil }
        guard let target = graph.node(id) else {
            warnings.append("ComfyUI prompt: node \(node.id) input \(input) links to missing node \(id)")
            return nil
        }
        return target
    }

    /// A literal input, or the first literal of the node a link points at (seed and
    /// primitive nodes).
    ///
    /// Every step of the walk remembers the answer, so walks that meet an explored chain stop
    /// there: the work over a whole graph is linear in its links.
    mutating func literal(_ key: String, of node: ComfyGraph.Node) -> LooseJSON? {
        guard let first = node.input(key) else { return nil }
        guard ComfyGraph.link(first) != nil else { return first }
        var current = node
        var key = key
        var seen: Set<String> = []
        var path: [ChainStep] = []
        var answer: LooseJSON?
        var finished = false
        walk: while seen.insert(current.id).inserted {
            finished = true
            let step = ChainStep(node: current.id, key: key)
            if let known = resolved[step] {
                answer = known
                break walk
            }
            path.append(step)
            guard seen.count <= ComfyGraph.maxWalk else {
                warnings.append("ComfyUI prompt: a link chain longer than \(ComfyGraph.maxWalk) nodes")
                break walk
            }
            guard let value = current.input(key) else { break walk }
            guard ComfyGraph.link(value) != nil else {
                answer = value
                break walk
            }
            guard let next = follow(value, from: current, input: key) else { break walk }
            let preferred = ["seed", "noise_seed", "value", "int", "float", "number", "text", "string", key]
            guard let found = preferred.first(where: { next.input($0) != nil }) ?? next.inputs.first?.key else {
                break walk
            }
            key = found
            current = next
            finished = false
        }
        if !finished { warnings.append("ComfyUI prompt: cycle through node \(current.id)") }
        for step in path { resolved[step] = .some(answer) }
        return answer
    }

    mutating func read(sampler: ComfyGraph.Node, into result: inout GenerationParameters) {
        result.settings.append(.init(key: "Sampler node", value: "\(sampler.id) \(sampler.classType)"))
        result.seed = (literal("seed", of: sampler) ?? literal("noise_seed", of: sampler))?.integerLiteral
        result.steps = literal("steps", of: sampler)?.integerLiteral.flatMap { Int($0) }
        result.cfgScale = literal("cfg", of: sampler)?.double
        result.sampler = literal("sampler_name", of: sampler)?.string
        result.scheduler = literal("scheduler", of: sampler)?.string
        result.denoisingStrength = literal("denoise", of: sampler)?.double
        var modelSource = sampler.input("model")
        var modelOwner = sampler
        if sampler.classType == "SamplerCustomAdvanced" {
            if let noise = follow(sampler.input("noise"), from: sampler, input: "noise") {
                result.seed = literal("noise_seed", of: noise)?.integerLiteral
            }
            if let select = follow(sampler.input("sampler"), from: sampler, input: "sampler") {
                result.sampler = literal("sampler_name", of: select)?.string
            }
            if let sigmas = follow(sampler.input("sigmas"), from: sampler, input: "sigmas") {
                result.scheduler = literal("scheduler", of: sigmas)?.string
                result.steps = literal("steps", of: sigmas)?.integerLiteral.flatMap { Int($0) }
                result.denoisingStrength = literal("denoise", of: sigmas)?.double
            }
            if let guider = follow(sampler.input("guider"), from: sampler, input: "guider") {
                result.cfgScale = literal("cfg", of: guider)?.double
                if let positive = guider.input("positive") ?? guider.input("conditioning") {
                    result.prompt = prompt(from: positive, of: guider, input: "positive", result: &result)
                }
                if let negative = guider.input("negative") {
                    result.negativePrompt = prompt(from: negative, of: guider, input: "negative", result: &result)
                }
                modelSource = guider.input("model")
                modelOwner = guider
            }
        }
        if result.prompt == nil, let positive = sampler.input("positive") {
            result.prompt = prompt(from: positive, of: sampler, input: "positive", result: &result)
        }
        if result.negativePrompt == nil, let negative = sampler.input("negative") {
            result.negativePrompt = prompt(from: negative, of: sampler, input: "negative", result: &result)
        }
        latent(from: sampler.input("latent_image"), of: sampler, into: &result)
        models(from: modelSource, of: modelOwner, into: &result)
    }

    /// The text of every text-encoder node that feeds a conditioning input, in graph order,
    /// through combine/area/ControlNet nodes.
    mutating func prompt(
        from value: LooseJSON,
        of owner: ComfyGraph.Node,
        input: String,
        result: inout GenerationParameters
    ) -> String? {
        var texts: [String] = []
        var stack: [(LooseJSON, ComfyGraph.Node, String)] = [(value, owner, input)]
        var seen: Set<String> = []
        while let (value, owner, input) = stack.popLast() {
            guard let node = follow(value, from: owner, input: input) else { continue }
            guard seen.insert(node.id).inserted else { continue }
            guard seen.count < ComfyGraph.maxWalk else { break }
            var foundText = false
            for key in ["text", "text_g", "text_l", "clip_l", "t5xxl", "prompt"] {
                guard let text = literal(key, of: node)?.string else { continue }
                foundText = true
                if !text.trimmingWhitespace.isEmpty, !texts.contains(text) { texts.append(text) }
                break
            }
            if foundText { continue }
            for member in node.inputs.reversed()
            where ComfyGraph.link(member.value) != nil
                && !["clip", "model", "vae", "image", "control_net", "clip_vision"].contains(member.key)
            {
                stack.append((member.value, node, member.key))
            }
        }
        return texts.isEmpty ? nil : texts.joined(separator: "\n")
    }

    /// Size from the latent chain: an empty latent's width and height (after upscaling nodes),
    /// or an encoded image, which makes the run img2img (inpainting when masked).
    mutating func latent(from value: LooseJSON?, of owner: ComfyGraph.Node, into result: inout GenerationParameters) {
        var value = value
        var owner = owner
        var input = "latent_image"
        var steps = 0
        while let next = follow(value, from: owner, input: input), steps < ComfyGraph.maxWalk {
            steps += 1
            let type = next.classType
            if result.width == nil, let width = literal("width", of: next)?.integerLiteral.flatMap({ Int($0) }),
                let height = literal("height", of: next)?.integerLiteral.flatMap({ Int($0) })
            {
                result.width = width
                result.height = height
            }
            if type.hasPrefix("VAEEncode") || type.containsASCII("InpaintModelConditioning") {
                result.isImageToImage = true
                if type.containsASCII("Inpaint") || next.input("mask") != nil { result.isInpainting = true }
                return
            }
            if type.hasPrefix("SetLatentNoiseMask") { result.isInpainting = true }
            guard
                let key = ["samples", "latent", "latent_image", "samples1", "pixels"].first(where: {
                    next.input($0) != nil
                })
            else { return }
            value = next.input(key)
            owner = next
            input = key
        }
        if steps >= ComfyGraph.maxWalk {
            warnings.append("ComfyUI prompt: latent chain longer than \(ComfyGraph.maxWalk)")
        }
    }

    /// The model chain from the sampler back to the checkpoint: LoRA loaders in the order they
    /// were applied, and the checkpoint or UNet file.
    mutating func models(from value: LooseJSON?, of owner: ComfyGraph.Node, into result: inout GenerationParameters) {
        var value = value
        var owner = owner
        var input = "model"
        var seen: Set<String> = []
        var adapters: [ModelReference] = []
        while let node = follow(value, from: owner, input: input) {
            guard seen.insert(node.id).inserted else {
                warnings.append("ComfyUI prompt: the model chain loops back to node \(node.id)")
                break
            }
            // Collected sampler-first, reversed at the end: the order they were applied.
            adapters += loras(in: node).reversed()
            if let key = MetadataReader.checkpointInputs.first(where: { node.input($0)?.string != nil }),
                node.input("model") == nil
            {
                result.model = ModelReference(name: literal(key, of: node)?.string)
                break
            }
            guard let next = node.input("model") else {
                warnings.append(
                    "ComfyUI prompt: model chain ends at node \(node.id) (\(node.classType)) without a checkpoint"
                )
                break
            }
            value = next
            owner = node
            input = "model"
        }
        result.adapters = adapters.reversed()
    }

    /// The LoRAs one node applies: core loaders, Power Lora Loader's `lora_N` slots that are
    /// on, and any other node with a LoRA file name input.
    mutating func loras(in node: ComfyGraph.Node) -> [ModelReference] {
        if let name = literal("lora_name", of: node)?.string {
            guard name != "None" else { return [] }
            let model = literal("strength_model", of: node)?.double ?? literal("strength", of: node)?.double
            return [
                ModelReference(
                    name: name,
                    kind: "lora",
                    weight: model,
                    clipWeight: literal("strength_clip", of: node)?.double
                )
            ]
        }
        var found: [ModelReference] = []
        for member in node.inputs {
            if let slot = member.value.members {
                guard let name = slot.last(where: { $0.key == "lora" })?.value.string, name != "None" else { continue }
                let on = slot.last { $0.key == "on" }?.value.bool ?? true
                guard on else { continue }
                let strength = slot.last { $0.key == "strength" }?.value.double
                let clip = slot.last { $0.key == "strengthTwo" }?.value.double
                found.append(ModelReference(name: name, kind: "lora", weight: strength, clipWeight: clip))
            } else if member.key.lowercased().containsASCII("lora"), let name = member.value.string,
                [".safetensors", ".pt", ".ckpt"].contains(where: { name.lowercased().hasSuffix($0) })
            {
                found.append(ModelReference(name: name, kind: "lora"))
            }
        }
        return found
    }
}
