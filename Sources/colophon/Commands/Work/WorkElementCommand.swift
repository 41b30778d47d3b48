import ArgumentParser
import ColophonCrypto
import ColophonLedger
import ColophonRecords
import ColophonReports
import Foundation

struct WorkElementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "element",
        abstract: "Add, replace or remove one element of a work, as a new version.",
        discussion: """
            An element is a panel, its art, a balloon, a caption, SFX, a border or a background, with its box on the page (page pixels), its origin (ai, human or mixed: AI output modified by hand) and the records behind it: --generation (a record id, or an image file whose generation record is looked up) and --contribution. Every cited record must be in the ledger. The new version supersedes the old one.

            Example: colophon work element lighthouse --page 1 --id p1-art --kind panel_art --origin mixed --box 0,0,800,600 --generation panel-1.png --contribution sha256:… --modification extensive --key kris
            """
    )

    @OptionGroup var options: LedgerOptions
    @OptionGroup var passphrase: PassphraseOptions
    @OptionGroup var work: WorkOptions

    @Argument(help: ArgumentHelp("The work (its id or record id).", valueName: "work"))
    var reference: String

    @Option(help: ArgumentHelp("The page number.", valueName: "n"))
    var page: Int

    @Option(help: ArgumentHelp("The element's id, unique in the work.", valueName: "id"))
    var id: String

    @Option(
        help: ArgumentHelp("panel, panel_art, balloon, caption, sfx, border, background or other.", valueName: "kind")
    )
    var kind: String?

    @Option(help: ArgumentHelp("ai, human or mixed.", valueName: "origin"))
    var origin: String?

    @Option(help: ArgumentHelp("The box in page pixels.", valueName: "x,y,w,h"))
    var box: String?

    @Option(help: ArgumentHelp("The panel it belongs to.", valueName: "id"))
    var panel: String?

    @Option(help: ArgumentHelp("Stacking order, higher on top.", valueName: "z"))
    var z: Int?

    @Option(
        help: ArgumentHelp(
            "How much of the AI output was changed by hand: none, minor, extensive.",
            valueName: "extent"
        )
    )
    var modification: String?

    @Option(
        help: ArgumentHelp("A generation record, or an image it describes (repeatable).", valueName: "record|image")
    )
    var generation: [String] = []

    @Option(
        name: .customLong("element-contribution"),
        help: ArgumentHelp("A contribution record behind the element (repeatable).", valueName: "record")
    )
    var elementContribution: [String] = []

    @Flag(help: "Remove the element instead.")
    var remove = false

    func validate() throws {
        if !remove, kind == nil || origin == nil { throw ValidationError("give --kind and --origin (or --remove)") }
    }

    func run() async throws {
        let ledger = try await options.open()
        let current = try await ledger.work(reference)
        var predicate = current.predicate
        guard let pageIndex = predicate.pages.firstIndex(where: { $0.number == page }) else {
            throw Failure(Failure.usage, "\(predicate.workId) has no page \(page)")
        }
        var elements = predicate.pages[pageIndex].elements ?? []
        let existing = elements.firstIndex { $0.id == id }
        if remove {
            guard let existing else { throw Failure(Failure.usage, "page \(page) has no element \(id)") }
            elements.remove(at: existing)
        } else {
            var element = WorkPredicate.Element(id: id, kind: kind ?? "other", origin: origin ?? "human")
            element.panel = panel
            element.zOrder = z
            element.humanModification = modification
            element.box = try box.map(ContributeCommand.box)
            var generations: [String] = []
            for item in generation {
                if RecordID(item) != nil {
                    generations.append(item)
                    continue
                }
                let digest = try ContributeCommand.digest(item, what: "--generation")
                guard let found = try await ledger.generationRecord(forImage: digest) else {
                    throw Failure(Failure.notVerified, "no generation record describes \(item); stamp it first")
                }
                generations.append(found.description)
            }
            element.generationRecords = generations.isEmpty ? nil : generations
            element.contributionRecords = elementContribution.isEmpty ? nil : elementContribution
            if let existing { elements[existing] = element } else { elements.append(element) }
        }
        predicate.pages[pageIndex].elements = elements.isEmpty ? nil : elements
        try work.apply(to: &predicate)
        let signer = try await ledger.signingKey(named: work.key, passphrase: try passphrase.passphrase())
        let recorded = try await ledger.recordWork(predicate, key: signer.key)
        let report = WorkReport(recorded)
        try options.output.emit(report, text: report.text)
    }
}
