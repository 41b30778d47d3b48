import ColophonRecords

extension CopyrightClaimDraft {
    /// Drafts the claim from the verified elements and contributions. Only contributions whose
    /// signatures hold and that are not retracted are claimed.
    init(pages allPages: [ComicVerification.Page], workContributions: [ComicVerification.Contribution]) {
        var warnings: [String] = []
        // The claim is about the archive as submitted: a changed page's elements describe
        // another image, and a page nothing accounts for may hold anything.
        let pages = allPages.filter { $0.status != .differs }
        let unaccounted = allPages.filter {
            $0.status == .differs || $0.status == .notInWork && ($0.image?.verdict ?? .unknown) == .unknown
        }.map(\.number)
        if !unaccounted.isEmpty {
            warnings.append(
                "\(Self.pages(unaccounted)) \(unaccounted.count == 1 ? "has" : "have") no record of \(unaccounted.count == 1 ? "its" : "their") content: the claim cannot say whether \(unaccounted.count == 1 ? "it holds" : "they hold") AI material"
            )
        }
        var byRecord: [RecordID: ComicVerification.Contribution] = [:]
        var order: [RecordID] = []
        for page in pages {
            for element in page.elements {
                for contribution in element.contributions {
                    if byRecord[contribution.record] == nil { order.append(contribution.record) }
                    byRecord[contribution.record, default: contribution].pages += [page.number]
                }
                if element.element.origin == "mixed",
                    !element.contributions.contains(where: { $0.category == .modificationOfAIOutput })
                {
                    warnings.append(
                        "page \(page.number), \(element.element.kind) \(element.element.id): marked as modified by hand, but no modification record with its before-image backs it"
                    )
                }
                if element.element.origin == "human", element.contributions.isEmpty {
                    warnings.append(
                        "page \(page.number), \(element.element.kind) \(element.element.id): marked human, but no contribution record backs it"
                    )
                }
            }
        }
        for contribution in workContributions where byRecord[contribution.record] == nil {
            order.append(contribution.record)
            byRecord[contribution.record] = contribution
        }
        var counted: [ComicVerification.Contribution] = []
        var promptOnly = false
        for id in order {
            guard let contribution = byRecord[id] else { continue }
            // Prompts and assistive AI use are disclosed, not claimed.
            guard contribution.category != .prompt, contribution.category != .assistiveAIUse else {
                if contribution.category == .prompt { promptOnly = true }
                continue
            }
            guard contribution.valid, contribution.status != "retracted" else {
                warnings.append(
                    "the \(contribution.category.rawValue) contribution \(id.short) does not stand (\(contribution.status), signature \(contribution.valid ? "valid" : "invalid")) and is not claimed"
                )
                continue
            }
            counted.append(contribution)
        }
        func pagesOf(_ categories: Set<ContributionPredicate.Category>) -> [Int] {
            Array(Set(counted.filter { categories.contains($0.category) }.flatMap(\.pages))).sorted()
        }
        func has(_ categories: Set<ContributionPredicate.Category>) -> Bool {
            counted.contains { categories.contains($0.category) }
        }

        var parts: [String] = []
        if has([.text]) { parts.append("text") }
        if has([.selection, .arrangementLayout, .inpaintDirection]) {
            let elements = pages.flatMap(\.elements)
            let aiImages =
                elements.contains { $0.isImage && $0.isAIGenerated } || pages.contains { $0.image?.generation != nil }
            var things: [String] = []
            if has([.text]) || elements.contains(where: { !$0.isImage }) { things.append("text") }
            if has([.lettering]) { things.append("lettering") }
            switch (has([.handDrawnOriginal]), aiImages) {
            case (true, true): things.append("hand-drawn and artificial-intelligence-generated images")
            case (false, true): things.append("artificial-intelligence-generated images")
            default: things.append("images")
            }
            parts.append("selection, coordination, and arrangement of \(Self.list(things))")
        }
        if has([.handDrawnOriginal]) {
            parts.append("2-D artwork drawn by hand (\(Self.pages(pagesOf([.handDrawnOriginal]))))")
        }
        let modifications = counted.filter { $0.category == .modificationOfAIOutput && $0.extent != "none" }
        if !modifications.isEmpty {
            parts.append(
                "human modifications of artificial-intelligence-generated images (\(Self.pages(Array(Set(modifications.flatMap(\.pages))).sorted())))"
            )
        }
        if has([.expressiveInput]) {
            parts.append(
                "hand-made drawings perceptible in artificial-intelligence-generated images (\(Self.pages(pagesOf([.expressiveInput]))))"
            )
        }
        if has([.storyCharacterDesign]) { parts.append("character designs") }

        for modification in counted where modification.category == .modificationOfAIOutput {
            if !modification.hasBefore {
                warnings.append(
                    "the modification by \(modification.author) (\(Self.pages(modification.pages))) names a before-image that is not in the ledger: an examiner cannot see what was changed (Théâtre D'opéra Spatial)"
                )
            }
            if modification.extent == "minor" {
                warnings.append(
                    "the modification by \(modification.author) (\(Self.pages(modification.pages))) is minor: minor edits may not be registrable"
                )
            }
        }
        if has([.lettering, .color]), !has([.selection, .arrangementLayout, .inpaintDirection]) {
            warnings.append(
                "lettering and colouring as such are not registrable (Compendium 906.3, 906.4); they support a selection-and-arrangement claim, which no record makes"
            )
        }
        if parts.isEmpty {
            if promptOnly {
                warnings.append(
                    "the claim rests on prompts only: prompts alone are unlikely to be registered (USCO, Copyright and AI Part 2)"
                )
            } else {
                warnings.append("no human authorship is recorded: there is nothing to claim")
            }
        }

        var excluded: [String] = []
        var aiPages: [Int] = []
        var aiTextPages: [Int] = []
        var models: [ComicVerification.Generation] = []
        for page in pages {
            for element in page.elements where element.isAIGenerated {
                let made =
                    element.generations.first.map {
                        " — \($0.model ?? "unknown model"), record \($0.record.short)"
                    } ?? ""
                let edited = element.element.origin == "mixed" ? " (edited by hand)" : ""
                excluded.append("page \(page.number), \(element.element.kind) \(element.element.id)\(edited)\(made)")
                if element.isImage { aiPages.append(page.number) } else { aiTextPages.append(page.number) }
                models += element.generations
            }
            if page.status == .notInWork, page.image?.generation != nil {
                excluded.append(
                    "page \(page.number) (\(page.fileName ?? "unnamed")): an AI-generated image the work does not list"
                )
                aiPages.append(page.number)
            }
        }
        var exclusions: [String] = []
        if !aiPages.isEmpty {
            let systems = PlatformDisclosure.systems(models)
            let with = systems.isEmpty ? "" : ", generated with \(Self.list(systems))"
            exclusions.append(
                "artificial-intelligence-generated images (\(Self.pages(Array(Set(aiPages)).sorted())))\(with)"
            )
        }
        if !aiTextPages.isEmpty {
            exclusions.append(
                "artificial-intelligence-generated text (\(Self.pages(Array(Set(aiTextPages)).sorted())))"
            )
        }

        let claimed = parts.isEmpty ? "" : Self.sentence(parts)
        self.init(
            authors: Array(Set(counted.map(\.author))).sorted(),
            authorCreated: claimed.isEmpty
                ? "Nothing: no human authorship is recorded"
                : claimed
                    + (exclusions.isEmpty
                        ? "" : " The work also contains \(Self.list(exclusions)), which the authors did not create."),
            materialExcluded: exclusions.isEmpty ? "None" : Self.sentence(exclusions),
            newMaterialIncluded: claimed.isEmpty ? "None" : claimed,
            aiDisclosure: exclusions.isEmpty
                ? "No AI-generated material is recorded."
                : "The work includes \(Self.list(exclusions)). AI tools are not named as authors; only the human contributions above are claimed.",
            excludedElements: excluded,
            claimedParts: counted.map {
                "\(Self.pages($0.pages.isEmpty ? [] : Array(Set($0.pages)).sorted())): \($0.category.rawValue.replacingUnderscores) by \($0.author) (record \($0.record.short))"
            },
            warnings: warnings
        )
    }

    /// "pages 1, 2 and 4", "page 3", or "the whole work".
    static func pages(_ numbers: [Int]) -> String {
        guard !numbers.isEmpty else { return "the whole work" }
        return (numbers.count == 1 ? "page " : "pages ") + list(numbers.map(String.init))
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    /// Parts joined by semicolons, capitalised, with a full stop.
    static func sentence(_ parts: [String]) -> String {
        let text = parts.joined(separator: "; ")
        return (text.first.map { String($0).uppercased() + text.dropFirst() } ?? "") + "."
    }
}

extension String {
    fileprivate var replacingUnderscores: String {
        String(map { $0 == "_" ? " " : $0 })
    }
}
