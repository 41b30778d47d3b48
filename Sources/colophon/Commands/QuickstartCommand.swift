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
        abstract: "Run the whole story on sample data, keeping its results to open.",
        discussion: """
            Makes a ledger, registers keys for a generator, a comic author, an artist and a publisher; records a base model and a LoRA trained on the artist's work; the artist refuses style emulation; stamps three AI panels; records the author's script, layout, selection, lettering and a hand redraw; composes a three-page comic, exports it as a CBZ and verifies it as a publisher would (per-page provenance, consent conflicts, platform disclosure, copyright claim draft, an HTML report with overlays); corrects a mistake; then proves a record is in the log and checks the published log offline, as an auditor would.

            The ledger, the CBZ, the HTML report and the proof stay in ./colophon-quickstart (or --keep DIR), which a later run replaces; a folder the quickstart did not make is never overwritten. --temporary works in a temporary folder and removes it at the end.
            """
    )

    @Option(help: ArgumentHelp("Keep the results in this folder instead of ./colophon-quickstart.", valueName: "dir"))
    var keep: String?

    @Flag(help: "Work in a temporary folder and remove it at the end.")
    var temporary = false

    @Flag(help: "Print one JSON document on standard output.")
    var json = false

    struct Report: Codable {
        var ledger: String
        /// Where the results stay; absent with --temporary.
        var folder: String?
        var report: String?
        var comic: String?
        var records: Int
        var checkpoint: CheckpointReport
        var proofVerified: Bool
        var tilesVerified: Bool
        var comicVerified: Bool
        var flaggedPages: [Int]
        var steps: [String]
    }

    /// Marks a folder as the quickstart's own, so a later run may replace it.
    static let marker = ".colophon-quickstart"

    func validate() throws {
        if keep != nil, temporary {
            throw ValidationError(
                "--keep and --temporary exclude each other: choose where the results go, or that none are kept"
            )
        }
    }

    func run() async throws {
        let root: URL
        if temporary {
            root = FileManager.default.temporaryDirectory.appendingPathComponent(
                "colophon-quickstart-\(UUID().uuidString.prefix(8))"
            )
        } else {
            root = URL(fileURLWithPath: keep ?? "colophon-quickstart").standardizedFileURL
            try Self.claim(root)
        }
        let story = QuickstartStory(root: root, narrate: !json)
        let outcome = try await story.run()
        if temporary {
            try? FileManager.default.removeItem(at: root)
        } else if !json {
            Terminal.out("")
            Terminal.out("What next:")
            Terminal.out("  open the publisher's report:  \(outcome.report)")
            Terminal.out("  see it on the web page:        colophon serve --ledger \(outcome.ledger)")
            Terminal.out("                                 then open http://127.0.0.1:8080/ and drop a panel from")
            Terminal.out("                                 \(outcome.panels) or \(outcome.comic) on it")
        }
        if json {
            try Output(json: true).emit(
                Report(
                    ledger: outcome.ledger,
                    folder: temporary ? nil : root.path,
                    report: temporary ? nil : outcome.report,
                    comic: temporary ? nil : outcome.comic,
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

    /// Makes `folder` the quickstart's: created if absent, emptied if an earlier run made it
    /// (it holds the marker), refused if it holds anything else.
    static func claim(_ folder: URL) throws {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw Failure(Failure.usage, "\(folder.path) is a file; choose another folder with --keep DIR")
            }
            let entries = (try? files.contentsOfDirectory(atPath: folder.path)) ?? []
            if !entries.isEmpty {
                guard entries.contains(marker) else {
                    throw Failure(
                        Failure.usage,
                        "\(folder.path) is not empty and was not made by the quickstart; nothing was changed. Choose another folder with --keep DIR, or --temporary"
                    )
                }
                for entry in entries where entry != marker {
                    try files.removeItem(at: folder.appendingPathComponent(entry))
                }
            }
        }
        try files.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("Made by colophon quickstart; a later run replaces what is here.\n".utf8)
            .write(to: folder.appendingPathComponent(marker))
    }
}
