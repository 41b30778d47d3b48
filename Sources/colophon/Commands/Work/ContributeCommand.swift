import ArgumentParser
import ColophonCrypto
import ColophonLedger
import ColophonRecords
import ColophonReports
import Foundation

struct ContributeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contribute",
        abstract: "Record one human contribution to a work, signed by its author.",
        discussion: """
            A contribution is what copyright can cover in an AI-assisted work: text, lettering, layout, selection, drawing, hand edits of AI output, colouring, a sketch fed to img2img. Name what it is about (--work, --page, --panel, --element, and a --box or --polygon in page pixels), the material it made (--file), the AI output it started from and the result (--before, --after: files or SHA-256 digests), the tools used (--tool NAME[@VERSION][:generative]), when (--from, --to), the evidence that backs it (--evidence: drafts, layered files, scripts; stored as blobs), and the author's own words (--attestation). A selection records every candidate shown (--candidate) and the ones chosen (--chosen).

            Examples:
              colophon contribute --category lettering --work lighthouse --page 1 --element p1-b1 --box 40,30,300,120 --file balloon-layer.png --tool "Clip Studio Paint@3.0" --attestation "I lettered page 1 by hand." --key kris
              colophon contribute --category modification-of-ai-output --work lighthouse --page 2 --before panel-raw.png --after panel-edited.png --extent extensive --evidence panel.kra --attestation "I redrew the face and hands." --key kris
            """
    )

    @OptionGroup var options: LedgerOptions
    @OptionGroup var passphrase: PassphraseOptions

    @Option(help: ArgumentHelp("What kind of contribution.", valueName: "category"))
    var category: ContributionPredicate.Category

    @Option(help: ArgumentHelp("The author's statement of what they did, in their words.", valueName: "text"))
    var attestation: String

    @Option(help: ArgumentHelp("The author's name; default: the key's owner.", valueName: "name"))
    var author: String?

    @Option(help: ArgumentHelp("The work (its id or record id).", valueName: "work"))
    var work: String?

    @Option(help: ArgumentHelp("The page number.", valueName: "n"))
    var page: Int?

    @Option(help: ArgumentHelp("The panel id.", valueName: "id"))
    var panel: String?

    @Option(help: ArgumentHelp("The element id.", valueName: "id"))
    var element: String?

    @Option(help: ArgumentHelp("The region as a box in page pixels.", valueName: "x,y,w,h"))
    var box: String?

    @Option(help: ArgumentHelp("The region as a polygon in page pixels.", valueName: "x1,y1,x2,y2,…"))
    var polygon: String?

    @Option(help: ArgumentHelp("A text span of the script.", valueName: "start:end"))
    var textSpan: String?

    @Option(help: ArgumentHelp("The material made: a file (repeatable).", valueName: "file"))
    var file: [String] = []

    @Option(help: ArgumentHelp("The AI output before the edit: a file or a SHA-256.", valueName: "file|hex"))
    var before: String?

    @Option(help: ArgumentHelp("The result: a file or a SHA-256.", valueName: "file|hex"))
    var after: String?

    @Option(help: ArgumentHelp("How much was changed: none, minor, extensive.", valueName: "extent"))
    var extent: String?

    @Option(help: ArgumentHelp("A tool used (repeatable).", valueName: "name[@version][:generative]"))
    var tool: [String] = []

    @Option(help: ArgumentHelp("When the work started (RFC 3339).", valueName: "time"))
    var from: String?

    @Option(help: ArgumentHelp("When the work ended (RFC 3339).", valueName: "time"))
    var to: String?

    @Option(help: ArgumentHelp("An evidence file, stored as a blob (repeatable).", valueName: "file"))
    var evidence: [String] = []

    @Option(help: ArgumentHelp("A candidate shown for selection (repeatable).", valueName: "file|hex"))
    var candidate: [String] = []

    @Option(help: ArgumentHelp("A candidate chosen (repeatable).", valueName: "file|hex"))
    var chosen: [String] = []

    @Option(help: ArgumentHelp("Why these were chosen.", valueName: "text"))
    var rationale: String?

    @Option(help: ArgumentHelp("For an expressive input: its role (init_image, controlnet:canny…).", valueName: "role"))
    var inputRole: String?

    @Option(help: ArgumentHelp("For an expressive input: denoise strength or control weight, 0…1.", valueName: "s"))
    var strength: Double?

    @Option(help: ArgumentHelp("For an expressive input: the generation it steered.", valueName: "record"))
    var generation: String?

    @Option(help: ArgumentHelp("A description.", valueName: "text"))
    var description: String?

    @Option(help: ArgumentHelp("The author's signing key's name in the ledger.", valueName: "name"))
    var key: String?

    func validate() throws {
        if box != nil, polygon != nil { throw ValidationError("give --box or --polygon, not both") }
        if page != nil || panel != nil || element != nil, work == nil {
            throw ValidationError("--page, --panel and --element need --work")
        }
        if let page, page < 1 { throw ValidationError("--page must be 1 or more") }
        for time in [from, to].compactMap({ $0 }) where Timestamp(time) == nil {
            throw ValidationError("\(time) is not an RFC 3339 time, e.g. 2026-01-31T09:00:00Z")
        }
        if (from == nil) != (to == nil) { throw ValidationError("give both --from and --to") }
        if !chosen.isEmpty, candidate.isEmpty { throw ValidationError("--chosen needs the --candidate images shown") }
        if strength != nil || generation != nil, inputRole == nil {
            throw ValidationError("--strength and --generation describe an expressive input: give --input-role")
        }
    }

    func run() async throws {
        let ledger = try await options.open()
        let signer = try await ledger.signingKey(named: key, passphrase: try passphrase.passphrase())
        let owner = author ?? signer.state.owner?.name ?? signer.state.name
        var predicate = ContributionPredicate(
            contributor: Party(name: owner, role: signer.state.role.rawValue),
            category: category,
            attestation: attestation
        )
        if let work {
            var target = ContributionPredicate.Target(page: page, panel: panel, element: element)
            if RecordID(work) != nil { target.workRecord = work } else { target.workId = work }
            predicate.target = target
        }
        predicate.region = try box.map { .box(try Self.box($0)) } ?? polygon.map { .polygon(try Self.polygon($0)) }
        if let textSpan {
            let parts = textSpan.split(separator: ":").compactMap { Int($0) }
            guard parts.count == 2 else { throw Failure(Failure.usage, "--text-span needs START:END, e.g. 0:120") }
            predicate.textSpan = .init(start: parts[0], end: parts[1])
        }
        predicate.before = try before.map { DigestRef(sha256: try Self.digest($0, what: "--before")) }
        predicate.after = try after.map { DigestRef(sha256: try Self.digest($0, what: "--after")) }
        predicate.extent = extent
        predicate.tools = tool.isEmpty ? nil : try tool.map(Self.tool)
        if let from = from.flatMap(Timestamp.init), let to = to.flatMap(Timestamp.init) {
            predicate.timeSpan = TimeSpan(start: from, end: to)
        }
        predicate.description = description
        if !candidate.isEmpty {
            predicate.selection = .init(
                candidates: try candidate.map { try Self.digest($0, what: "--candidate") },
                chosen: try chosen.map { try Self.digest($0, what: "--chosen") },
                rationale: rationale
            )
        }
        if let inputRole {
            predicate.expressiveInput = .init(role: inputRole, strength: strength, generationRecord: generation)
        }
        let material = try file.map { path in
            ContributionRequest.File(
                name: URL(fileURLWithPath: path).lastPathComponent,
                bytes: try InputFile.read(path, limit: Ledger.maxContributionFileBytes, what: "material file")
            )
        }
        let evidenceFiles = try evidence.map { path in
            ContributionRequest.File(
                name: URL(fileURLWithPath: path).lastPathComponent,
                bytes: try InputFile.read(path, limit: Ledger.maxContributionFileBytes, what: "evidence file"),
                mediaType: Self.mediaType(path)
            )
        }
        let recorded = try await ledger.recordContribution(
            ContributionRequest(predicate: predicate, material: material, evidence: evidenceFiles),
            key: signer.key
        )
        let report = ContributionReport(recorded)
        try options.output.emit(report, text: report.text)
    }

    /// A file's SHA-256, or the 64-hex digest given.
    static func digest(_ text: String, what: String) throws -> String {
        let lower = text.lowercased()
        if lower.utf8.count == 64, lower.allSatisfy(\.isHexDigit), !FileManager.default.fileExists(atPath: text) {
            return lower
        }
        return SHA256.hash(try InputFile.read(text, limit: Ledger.maxContributionFileBytes, what: "\(what) image")).hex
    }

    static func numbers(_ text: String, what: String) throws -> [Double] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
            Double($0.trimmingCharacters(in: .whitespaces))
        }
        guard parts.allSatisfy({ $0?.isFinite == true }) else {
            throw Failure(Failure.usage, "\(what) \(text): every coordinate must be a number")
        }
        return parts.compactMap { $0 }
    }

    static func box(_ text: String) throws -> Box {
        let values = try numbers(text, what: "--box")
        guard values.count == 4 else { throw Failure(Failure.usage, "--box needs x,y,width,height, not \(text)") }
        return Box(x: values[0], y: values[1], width: values[2], height: values[3])
    }

    static func polygon(_ text: String) throws -> [[Double]] {
        let values = try numbers(text, what: "--polygon")
        guard values.count >= 6, values.count % 2 == 0 else {
            throw Failure(Failure.usage, "--polygon needs at least three x,y points")
        }
        return stride(from: 0, to: values.count, by: 2).map { [values[$0], values[$0 + 1]] }
    }

    static func tool(_ text: String) throws -> ToolUse {
        var rest = Substring(text)
        var generative = false
        if rest.hasSuffix(":generative") {
            generative = true
            rest = rest.dropLast(":generative".count)
        }
        let parts = rest.split(separator: "@", maxSplits: 1)
        guard let name = parts.first, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Failure(Failure.usage, "--tool needs a name, e.g. \"Krita@5.2\" or \"Firefly:generative\"")
        }
        return ToolUse(name: String(name), version: parts.count == 2 ? String(parts[1]) : nil, generative: generative)
    }

    static func mediaType(_ path: String) -> String? {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "webp": "image/webp"
        case "txt", "md": "text/plain"
        case "pdf": "application/pdf"
        case "psd": "image/vnd.adobe.photoshop"
        case "kra": "application/x-krita"
        case "mp4": "video/mp4"
        default: nil
        }
    }
}
