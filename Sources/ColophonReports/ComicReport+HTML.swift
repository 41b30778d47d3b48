import ColophonCrypto
import ColophonMedia
import ColophonRecords
import Foundation

extension ComicReport {
    /// A page image to show under its overlay.
    public struct PageImage {
        public var mediaType: String
        public var bytes: [UInt8]

        public init(mediaType: String, bytes: [UInt8]) {
            self.mediaType = mediaType
            self.bytes = bytes
        }
    }

    /// One self-contained HTML file: every page with its elements drawn over it, coloured by
    /// origin, then the summaries. Nothing is fetched from elsewhere. Page images are embedded
    /// in order while they fit in `budget` bytes; later pages show their overlays on a blank
    /// sheet, so a 400 MB comic does not make a 550 MB report.
    public func html(images: [Int: PageImage], budget: Int = 128 << 20) -> String {
        var body: [String] = []
        var remaining = budget
        let title = work.map { "\($0.title) — version \($0.version)" } ?? path
        let verdictClass = verdict == "verified" ? "ok" : "bad"
        body.append("<h1>\(Self.escape(title))</h1>")
        body.append(
            "<p class=\"verdict \(verdictClass)\" id=\"verdict\">\(verdict == "verified" ? "VERIFIED" : "NOT VERIFIED")</p>"
        )
        if let work {
            body.append(
                "<p class=\"meta\">Work <code>\(Self.escape(work.workId))</code>, record <code>\(work.recordId)</code> (log entry \(work.index), \(Self.escape(work.status)))\(work.signatures.map { " — signed by \(Self.escape($0.keyName ?? $0.keyId))" }.joined())</p>"
            )
        }
        body.append(
            """
            <div class="legend" id="legend"><span class="swatch ai"></span>AI-generated \
            <span class="swatch mixed"></span>AI-generated, modified by hand \
            <span class="swatch human"></span>human-made \
            <span class="swatch conflict"></span>conflicts with an artist's declared refusal</div>
            """
        )
        body.append(
            "<table class=\"counts\"><tr><th>Page</th><th>Status</th><th>AI</th><th>Human</th><th>Human-modified AI</th></tr>"
        )
        for page in pages {
            body.append(
                "<tr><td>\(page.number)</td><td>\(Self.escape(page.status))</td><td>\(page.ai)</td><td>\(page.human)</td><td>\(page.humanModifiedAI)</td></tr>"
            )
        }
        body.append(
            "<tr class=\"total\"><td>All</td><td>\(summary.pages) pages</td><td>\(summary.ai)</td><td>\(summary.human)</td><td>\(summary.humanModifiedAI)</td></tr></table>"
        )
        for page in pages {
            var image = images[page.number]
            var omitted = false
            if let bytes = image?.bytes.count {
                if bytes <= remaining {
                    remaining -= bytes
                } else {
                    image = nil
                    omitted = true
                }
            }
            body.append(pageSection(page, image: image, omitted: omitted))
        }
        if !consent.isEmpty {
            body.append("<section id=\"consent\"><h2>Consent</h2><ul>")
            body += ConsentFindingReport.lines(consent).map {
                "<li class=\"conflict-text\">\(Self.escape($0.label)): \(Self.escape($0.text))</li>"
            }
            body.append("</ul></section>")
        }
        body.append("<section id=\"disclosure\"><h2>Platform disclosure (Amazon KDP terms)</h2><dl>")
        body.append("<dt>Classification</dt><dd>\(Self.escape(disclosure.classification))</dd>")
        body.append("<dt>Images</dt><dd>\(Self.escape(disclosure.images))</dd>")
        body.append("<dt>Text</dt><dd>\(Self.escape(disclosure.text))</dd>")
        body.append("<dt>Statement</dt><dd>\(Self.escape(disclosure.statement))</dd>")
        body.append("<dt>Credits</dt><dd>\(disclosure.credits.map(Self.escape).joined(separator: "<br>"))</dd></dl>")
        body.append("<p class=\"note\">\(Self.escape(disclosure.threshold))</p></section>")
        body.append(
            "<section id=\"claim\"><h2>US Copyright Office claim draft</h2><p class=\"note\">A draft for review, not legal advice.</p><dl>"
        )
        body.append("<dt>Author(s)</dt><dd>\(Self.escape(claim.authors.joined(separator: ", ")))</dd>")
        body.append("<dt>Author Created</dt><dd id=\"author-created\">\(Self.escape(claim.authorCreated))</dd>")
        body.append(
            "<dt>Material Excluded</dt><dd id=\"material-excluded\">\(Self.escape(claim.materialExcluded))</dd>"
        )
        body.append("<dt>New Material Included</dt><dd>\(Self.escape(claim.newMaterialIncluded))</dd>")
        body.append("<dt>AI disclosure</dt><dd>\(Self.escape(claim.aiDisclosure))</dd></dl>")
        if !claim.warnings.isEmpty {
            body.append(
                "<ul class=\"warnings\">" + claim.warnings.map { "<li>\(Self.escape($0))</li>" }.joined() + "</ul>"
            )
        }
        body.append("</section>")
        if !problems.isEmpty || !notes.isEmpty {
            body.append("<section id=\"problems\"><h2>Problems and notes</h2><ul>")
            body += problems.map { "<li class=\"conflict\">\(Self.escape($0))</li>" }
            body += notes.map { "<li>\(Self.escape($0))</li>" }
            body.append("</ul></section>")
        }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Colophon — \(Self.escape(title))</title>
            <style>\(Self.style)</style></head>
            <body>
            \(body.joined(separator: "\n"))
            </body></html>

            """
    }

    private func pageSection(_ page: Page, image: PageImage?, omitted: Bool) -> String {
        var parts = ["<section class=\"page\" id=\"page-\(page.number)\">"]
        parts.append(
            "<h2>Page \(page.number) <small>\(Self.escape(page.fileName ?? "")) — \(Self.escape(page.status))</small></h2>"
        )
        let width = page.width ?? 1000
        let height = page.height ?? 1414
        parts.append("<div class=\"sheet\" style=\"aspect-ratio: \(width) / \(height)\">")
        if let image {
            parts.append(
                "<img alt=\"page \(page.number)\" src=\"data:\(image.mediaType);base64,\(Base64.encode(image.bytes))\">"
            )
        } else {
            let why = omitted ? "image not embedded: the report's image budget is spent" : "no image"
            parts.append("<div class=\"missing\">\(why)</div>")
        }
        // Each box is labelled at its top-left corner, or at its bottom-left when a larger box's
        // label already sits near that corner (a page border and its first panel share one), so
        // the labels stay readable when the sheet is a phone's width.
        var labels: [(x: Double, y: Double)] = []
        func crowded(_ x: Double, _ y: Double) -> Bool {
            labels.contains { abs($0.x - x) < 0.2 && abs($0.y - y) < 0.04 }
        }
        for element in page.elements.sorted(by: {
            ($0.box?.width ?? 0) * ($0.box?.height ?? 0) > ($1.box?.width ?? 0) * ($1.box?.height ?? 0)
        }) {
            guard let box = element.box else { continue }
            let x = box.x / Double(width)
            let top = box.y / Double(height)
            let bottom = (box.y + box.height) / Double(height)
            let below = crowded(x, top) && !crowded(x, bottom)
            labels.append((x, below ? bottom : top))
            let style = String(
                format: "left:%.3f%%;top:%.3f%%;width:%.3f%%;height:%.3f%%",
                box.x * 100 / Double(width),
                box.y * 100 / Double(height),
                box.width * 100 / Double(width),
                box.height * 100 / Double(height)
            )
            let conflict = element.consent.contains { $0.kind == "conflict" } ? " conflict" : ""
            let origin = Self.originClass(element.origin)
            let tip = "\(element.id): \(Self.originText(element.origin))"
            parts.append(
                "<div class=\"box \(origin)\(conflict)\(below ? " label-below" : "")\" style=\"\(style)\" title=\"\(Self.escape(tip))\"><span>\(Self.escape(element.id))</span></div>"
            )
        }
        parts.append("</div><ul class=\"elements\">")
        for element in page.elements {
            var line =
                "<li><b>\(Self.escape(element.id))</b> \(Self.escape(element.kind)): <span class=\"tag \(Self.originClass(element.origin))\">\(Self.originText(element.origin))</span>"
            for generation in element.generations {
                line += "<br>AI: \(Self.escape(generation.model ?? "unknown model"))"
                if !generation.adapters.isEmpty {
                    line += " + \(Self.escape(generation.adapters.joined(separator: ", ")))"
                }
                line +=
                    ", seed \(Self.escape(generation.seed ?? "?")), signed by \(Self.escape(generation.signer ?? "?"))"
                if let prompt = generation.prompt { line += "<br><q>\(Self.escape(String(prompt.prefix(300))))</q>" }
            }
            for contribution in element.contributions {
                line +=
                    "<br>Human: \(Self.escape(contribution.category)) by \(Self.escape(contribution.author)) — <q>\(Self.escape(contribution.attestation))</q>"
            }
            for finding in ConsentFindingReport.lines(element.consent) {
                line +=
                    "<br><span class=\"conflict-text\">\(Self.escape(finding.label)): \(Self.escape(finding.text))</span>"
            }
            for problem in element.problems {
                line += "<br><span class=\"conflict-text\">problem: \(Self.escape(problem))</span>"
            }
            for warning in Array(Set(element.warnings)).sorted() {
                line += "<br><span class=\"warning\">warning: \(Self.escape(warning))</span>"
            }
            parts.append(line + "</li>")
        }
        parts.append("</ul>")
        parts += page.problems.map { "<p class=\"conflict-text\">\(Self.escape($0))</p>" }
        parts.append("</section>")
        return parts.joined(separator: "\n")
    }

    /// The CSS class for an origin: one of three fixed names, whatever the record says.
    public static func originClass(_ origin: String) -> String {
        ["ai", "human", "mixed"].contains(origin) ? origin : "mixed"
    }

    public static func escape(_ text: String) -> String {
        MarkupText.escape(text)
    }

    public static let style = """
        body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222}
        p,li,dd,code{overflow-wrap:anywhere}
        h1{margin-bottom:.2em} code{font-size:.85em}
        .verdict{display:inline-block;padding:.2em .6em;border-radius:4px;font-weight:bold;color:#fff}
        .verdict.ok{background:#2e7d32}.verdict.bad{background:#c62828}
        .legend{margin:1em 0}.swatch{display:inline-block;width:1em;height:1em;margin:0 .3em 0 1em;vertical-align:-2px;border:2px solid}
        .swatch.ai,.box.ai{background:rgba(230,81,0,.28);border-color:#e65100}
        .swatch.mixed,.box.mixed{background:rgba(123,31,162,.28);border-color:#7b1fa2}
        .swatch.human,.box.human{background:rgba(21,101,192,.25);border-color:#1565c0}
        .swatch.conflict{background:transparent;border-color:#d50000;border-style:dashed}
        table.counts{border-collapse:collapse;margin:1em 0}table.counts td,table.counts th{border:1px solid #ccc;padding:.25em .7em;text-align:right}
        table.counts tr.total{font-weight:bold}
        .sheet{position:relative;width:100%;max-width:760px;background:#eee;border:1px solid #999}
        .sheet img{position:absolute;inset:0;width:100%;height:100%;object-fit:fill}
        .sheet .missing{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;color:#777}
        .box{position:absolute;box-sizing:border-box;border:3px solid}
        .box.conflict{outline:3px dashed #d50000;outline-offset:2px}
        .box span{position:absolute;left:0;top:0;background:rgba(255,255,255,.85);font-size:11px;padding:0 3px}
        .box.label-below span{top:auto;bottom:0}
        .tag{padding:0 .3em;border-radius:3px;color:#fff}.tag.ai{background:#e65100}.tag.mixed{background:#7b1fa2}.tag.human{background:#1565c0}
        .conflict-text{color:#c62828}.warning{color:#8d6e00}.note{color:#666;font-size:.9em}
        dl{display:grid;grid-template-columns:12em 1fr;gap:.3em 1em}dt{font-weight:bold}dd{margin:0}
        section{margin-top:2em}
        @media (max-width:560px){body{margin:1em auto}dl{grid-template-columns:1fr;gap:0}dd{margin-bottom:.5em}table.counts td,table.counts th{padding:.25em .4em}}
        """
}
