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
            Terminal.out("  open the publisher's report:  \(Self.quoted(outcome.report))")
            Terminal.out("  see it on the web page:        colophon serve --ledger \(Self.quoted(outcome.ledger))")
            Terminal.out("                                 then open http://127.0.0.1:8080/ and drop a panel from")
            Terminal.out(
                "                                 \(Self.quoted(outcome.panels)) or \(Self.quoted(outcome.comic)) on it"
            )
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

    /// What a run writes at the top of its folder; a later run removes these and nothing else.
    static let results = QuickstartStory.Written.all.union([marker])

    /// Makes `folder` the quickstart's: created if absent (or taken if empty), emptied of an
    /// earlier run's results if it holds the marker and nothing but those, refused otherwise —
    /// so a folder with anyone else's files is never touched.
    static func claim(_ folder: URL) throws {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw Failure(Failure.usage, "\(folder.path) is a file; choose another folder with --keep DIR")
            }
            let entries: [String]
            do {
                entries = try files.contentsOfDirectory(atPath: folder.path)
            } catch {
                throw Failure(Failure.usage, "cannot list \(folder.path): \(error.localizedDescription)")
            }
            if !entries.isEmpty {
                let markerPath = folder.appendingPathComponent(marker).path
                let markerType = (try? files.attributesOfItem(atPath: markerPath))?[.type] as? FileAttributeType
                // Left by an interrupted write of a result (AtomicFile's temporary names).
                let others = entries.filter { !results.contains($0) && !($0.hasPrefix(".") && $0.hasSuffix(".tmp")) }
                guard markerType == .typeRegular, others.isEmpty else {
                    let why =
                        markerType == .typeRegular
                        ? "holds files the quickstart did not write (\(others.sorted().prefix(3).joined(separator: ", ")))"
                        : "is not empty and was not made by the quickstart"
                    throw Failure(
                        Failure.usage,
                        "\(folder.path) \(why); nothing was changed. Choose another folder with --keep DIR, or --temporary"
                    )
                }
                for entry in entries where entry != marker {
                    try files.removeItem(at: folder.appendingPathComponent(entry))
                }
                return
            }
        }
        try files.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("Made by colophon quickstart; a later run replaces what it wrote here.\n".utf8)
            .write(to: folder.appendingPathComponent(marker), options: .withoutOverwriting)
    }

    /// A path as it can be pasted into a shell.
    static func quoted(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "/._-+:@".unicodeScalars.contains($0)
        }
        return plain ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
