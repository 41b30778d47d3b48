extension ComicReport {
    /// The report for a terminal: verdict, work, pages and elements, then the summaries.
    public var text: String {
        var lines: [String] = []
        let head = verdict == "verified" ? "VERIFIED" : "NOT VERIFIED"
        if let work {
            lines.append("\(head)  \(path): \(work.title) (\(work.workId)) version \(work.version)")
            lines.append(
                "  work record \(work.recordId) (entry \(work.index), \(work.status), found by \(work.foundBy))"
            )
            lines += work.signatures.map(\.line)
        } else {
            lines.append("\(head)  \(path): no work record")
        }
        for page in pages {
            let counts = "AI \(page.ai), human \(page.human), human-modified AI \(page.humanModifiedAI)"
            lines.append("")
            lines.append("Page \(page.number) \(page.fileName ?? "") — \(page.status) — \(counts)")
            lines += page.problems.map { "  problem: \($0)" }
            for element in page.elements {
                let extent = element.humanModification.map { ", \($0) human edits" } ?? ""
                lines.append("  \(element.id) \(element.kind): \(Self.originText(element.origin))\(extent)")
                for generation in element.generations {
                    let validity = generation.valid ? "signed by \(generation.signer ?? "?")" : "INVALID signature"
                    lines.append(
                        "    AI: \(generation.model ?? "unknown model")\(generation.adapters.isEmpty ? "" : " + \(generation.adapters.joined(separator: ", "))"), seed \(generation.seed ?? "?"), \(validity), \(generation.status)"
                    )
                    if let prompt = generation.prompt {
                        lines.append("        prompt: \(prompt.replacingNewlines.prefix(160))")
                    }
                }
                for contribution in element.contributions {
                    let evidence =
                        contribution.evidence > 0
                        ? ", \(contribution.evidence) evidence file\(contribution.evidence == 1 ? "" : "s")" : ""
                    lines.append(
                        "    human: \(contribution.category) by \(contribution.author)\(evidence) — \"\(contribution.attestation.replacingNewlines.prefix(120))\""
                    )
                }
                lines += ConsentFindingReport.lines(element.consent).map { "    \($0.label): \($0.text)" }
                lines += element.problems.map { "    problem: \($0)" }
                lines += Array(Set(element.warnings)).sorted().map { "    warning: \($0)" }
            }
            if let image = page.image {
                lines.append("  the image itself: \(image.verdict)\(image.recordId.map { " (\($0))" } ?? "")")
            }
        }
        if !workContributions.isEmpty {
            lines.append("")
            lines.append("Whole-work contributions:")
            lines += workContributions.map {
                "  \($0.category) by \($0.author) — \"\($0.attestation.replacingNewlines.prefix(120))\""
            }
        }
        lines.append("")
        lines.append(
            "Summary: \(summary.pages) pages, \(summary.elements) elements — AI \(summary.ai), human \(summary.human), human-modified AI \(summary.humanModifiedAI)"
        )
        if !summary.unknownProvenance.isEmpty {
            lines.append("  unknown provenance: \(summary.unknownProvenance.joined(separator: ", "))")
        }
        if !consent.isEmpty {
            lines.append(
                "  consent: \(summary.consentConflicts) conflict\(summary.consentConflicts == 1 ? "" : "s") with declared refusals"
            )
            lines += ConsentFindingReport.lines(consent).map { "    \($0.label): \($0.text)" }
        }
        lines.append("")
        lines.append("Platform disclosure (Amazon KDP terms): \(disclosure.classification)")
        lines.append("  images: \(disclosure.images)")
        lines.append("  text:   \(disclosure.text)")
        lines.append("  \(disclosure.statement)")
        lines += disclosure.credits.map { "  credit: \($0)" }
        lines.append("")
        lines.append("US Copyright Office claim draft (for review; not legal advice)")
        lines.append(
            "  Author(s):             \(claim.authors.isEmpty ? "none recorded" : claim.authors.joined(separator: ", "))"
        )
        lines.append("  Author Created:        \(claim.authorCreated)")
        lines.append("  Material Excluded:     \(claim.materialExcluded)")
        lines.append("  New Material Included: \(claim.newMaterialIncluded)")
        lines.append("  AI disclosure:         \(claim.aiDisclosure)")
        lines += claim.warnings.map { "  warning: \($0)" }
        if !problems.isEmpty || !notes.isEmpty { lines.append("") }
        lines += problems.map { "problem: \($0)" }
        lines += notes.map { "note: \($0)" }
        return lines.joined(separator: "\n")
    }

    public static func originText(_ origin: String) -> String {
        switch origin {
        case "ai": "AI-generated"
        case "human": "human-made"
        default: "AI-generated, modified by hand"
        }
    }
}

extension String {
    fileprivate var replacingNewlines: String {
        String(map { $0 == "\n" ? " " : $0 })
    }
}
