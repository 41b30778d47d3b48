import ArgumentParser
import ColophonCrypto
import ColophonLedger
import ColophonLog
import ColophonRecords
import ColophonReports
import Foundation

struct QuickstartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quickstart",
        abstract: "Run the whole story on sample data in a temporary ledger.",
        discussion: """
            Makes a ledger, registers keys for a generator, a comic author, an artist and a publisher; records a base model and a LoRA trained on the artist's work; the artist refuses style emulation; stamps three AI panels; records the author's script, layout, selection, lettering and a hand redraw; composes a three-page comic, exports it as a CBZ and verifies it as a publisher would (per-page provenance, consent conflicts, platform disclosure, copyright claim draft, an HTML report with overlays); corrects a mistake; then proves a record is in the log and checks the published log offline, as an auditor would. --keep DIR keeps the ledger, the CBZ and the report.
            """
    )

    @Option(help: ArgumentHelp("Keep the ledger in this folder instead of a temporary one.", valueName: "dir"))
    var keep: String?

    @Flag(help: "Print one JSON document on standard output.")
    var json = false

    struct Report: Codable {
        var ledger: String
        var records: Int
        var checkpoint: CheckpointReport
        var proofVerified: Bool
        var tilesVerified: Bool
        var comicVerified: Bool
        var flaggedPages: [Int]
        var steps: [String]
    }

    func run() async throws {
        let root: URL
        if let keep {
            root = URL(fileURLWithPath: keep)
        } else {
            root = FileManager.default.temporaryDirectory.appendingPathComponent(
                "colophon-quickstart-\(UUID().uuidString.prefix(8))"
            )
        }
        let story = QuickstartStory(root: root, narrate: !json)
        let outcome = try await story.run()
        if keep == nil {
            try? FileManager.default.removeItem(at: root)
        }
        if json {
            try Output(json: true).emit(
                Report(
                    ledger: root.path,
                    records: outcome.records,
                    checkpoint: CheckpointReport(outcome.head),
                    proofVerified: outcome.proofVerified,
                    tilesVerified: outcome.tilesVerified,
                    comicVerified: outcome.comicVerified,
                    flaggedPages: outcome.flaggedPages,
                    steps: outcome.steps
                ),
                text: ""
            )
        }
    }
}
