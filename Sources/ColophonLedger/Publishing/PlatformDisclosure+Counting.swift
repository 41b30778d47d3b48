import ColophonRecords

extension PlatformDisclosure {
    /// The disclosure a comic needs, counted from its elements and pages.
    /// Only pages whose image is the work's are counted by their elements: a changed page's
    /// elements describe another image.
    init(pages: [ComicVerification.Page], workContributions: [ComicVerification.Contribution]) {
        let elements = pages.filter { $0.status == .matches }.flatMap(\.elements)
        let unknown = pages.filter { $0.status == .notInWork && ($0.image?.verdict ?? .unknown) == .unknown }.count
        let changed = pages.filter { $0.status == .differs }.count
        let images = elements.filter(\.isImage)
        let texts = elements.filter { !$0.isImage }
        // A page the work does not list but a generation record describes is an AI image too.
        let strayAI = pages.filter { $0.status == .notInWork && $0.image?.generation != nil }.count
        let aiImages = images.filter(\.isAIGenerated).count + strayAI
        let modified = images.filter { $0.element.origin == "mixed" }
        let extensive = modified.filter { $0.element.humanModification == "extensive" }.count
        let aiTexts = texts.filter(\.isAIGenerated).count
        let total = images.count + pages.filter { $0.status == .notInWork }.count

        var imageAnswer = "None"
        if aiImages > 0 {
            let amount =
                Self.isFew(aiImages, of: total) ? "One or a few AI-generated images" : "Many AI-generated images"
            let editing = extensive * 2 > aiImages ? "with extensive editing" : "with minimal or no editing"
            imageAnswer = "\(amount), \(editing)"
        }
        var textAnswer = "None"
        if aiTexts > 0 {
            textAnswer =
                aiTexts == texts.count
                ? "Entire work, with minimal or no editing" : "Some sections, with minimal or no editing"
        }
        let contributions = elements.flatMap(\.contributions) + workContributions
        // What a generative tool made inside a human contribution is AI-generated (KDP); AI that
        // only assisted (upscaling, spellchecking) is not.
        let generativeEdits = contributions.filter {
            $0.category != .assistiveAIUse && $0.tools.contains { $0.hasSuffix("(generative)") }
        }.count
        let assisted = contributions.contains { $0.category == .assistiveAIUse }
        let classification =
            aiImages + aiTexts + generativeEdits > 0
            ? "ai-generated" : unknown + changed > 0 ? "unknown" : assisted ? "ai-assisted" : "none"

        var credits: [String] = []
        var seenRoles: [String: [String]] = [:]
        var order: [String] = []
        for contribution in contributions where contribution.valid && contribution.status != "retracted" {
            guard let role = Self.role(contribution.category) else { continue }
            if seenRoles[role] == nil { order.append(role) }
            if seenRoles[role, default: []].contains(contribution.author) == false {
                seenRoles[role, default: []].append(contribution.author)
            }
        }
        credits = order.map { "\($0): \(seenRoles[$0, default: []].joined(separator: ", "))" }
        let systems = Self.systems(elements.flatMap(\.generations))
        if !systems.isEmpty { credits.append("AI image generation: \(systems.joined(separator: "; "))") }

        var statement: String
        switch classification {
        case "ai-generated":
            statement = "This comic contains \(aiImages) AI-generated image\(aiImages == 1 ? "" : "s") of \(total)"
            if !modified.isEmpty { statement += ", \(modified.count) of them edited by hand" }
            if aiTexts > 0 { statement += ", and \(aiTexts) AI-generated text element\(aiTexts == 1 ? "" : "s")" }
            statement += "."
            let human = elements.filter { $0.element.origin == "human" }.count
            if human > 0 { statement += " \(human) element\(human == 1 ? " is" : "s are") human-made." }
        case "unknown":
            statement = "No AI-generated content is recorded, but not every page is accounted for."
        case "ai-assisted":
            statement = "Human-made; AI tools were used only to assist (editing, refining)."
        default:
            statement = "No AI-generated content is recorded."
        }
        if generativeEdits > 0 {
            statement +=
                " \(generativeEdits) human contribution\(generativeEdits == 1 ? "" : "s") used generative tools; what they made is AI-generated."
        }
        if unknown > 0 {
            statement +=
                " \(unknown) page\(unknown == 1 ? " has" : "s have") no record: \(unknown == 1 ? "its" : "their") origin is unknown."
        }
        if changed > 0 {
            statement +=
                " \(changed) page\(changed == 1 ? " differs" : "s differ") from the work record and \(changed == 1 ? "is" : "are") not counted."
        }
        self.init(
            classification: classification,
            images: imageAnswer,
            text: textAnswer,
            aiImages: aiImages,
            aiTexts: aiTexts,
            humanModifiedAIImages: modified.count,
            totalImages: total,
            credits: credits,
            statement: statement
        )
    }

    /// The credit line a contribution category earns; nil for prompts and assistive AI use.
    static func role(_ category: ContributionPredicate.Category) -> String? {
        switch category {
        case .text: "Story and dialogue"
        case .storyCharacterDesign: "Characters"
        case .selection, .arrangementLayout, .inpaintDirection: "Selection and arrangement"
        case .lettering: "Lettering"
        case .handDrawnOriginal: "Drawings"
        case .modificationOfAIOutput: "Hand edits of AI images"
        case .expressiveInput: "Sketches used as AI input"
        case .color: "Colours"
        case .editing: "Editing"
        case .prompt, .assistiveAIUse: nil
        }
    }

    /// "model with LoRAs a, b" for each distinct model.
    static func systems(_ generations: [ComicVerification.Generation]) -> [String] {
        var models: [String] = []
        var adapters: [String: [String]] = [:]
        for generation in generations {
            let model = generation.model ?? "an unnamed model"
            if !models.contains(model) { models.append(model) }
            for adapter in generation.adapters where adapters[model, default: []].contains(adapter.name) == false {
                adapters[model, default: []].append(adapter.name)
            }
        }
        return models.map { model in
            let loras = adapters[model, default: []]
            return loras.isEmpty
                ? model : "\(model) with LoRA\(loras.count == 1 ? "" : "s") \(loras.joined(separator: ", "))"
        }
    }
}
