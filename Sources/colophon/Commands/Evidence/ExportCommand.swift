import ArgumentParser
import ColophonLedger
import ColophonMedia
import ColophonRecords
import ColophonReports
import Foundation

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export an evidence bundle that verifies offline, without trusting Colophon.",
        discussion: """
            The bundle (a zip) holds every record in scope and every record they cite, their corrections and every key record, as DSSE envelopes; the blobs they cite; one tlog-proof per record against one checkpoint; the log's vkey; with --since, a consistency proof from your pinned checkpoint; MANIFEST.json signed by the exporting key (MANIFEST.sig) and SHA256SUMS that `sha256sum -c` accepts; custody.json, report.html, VERIFY.md with step-by-step offline verification, a FRE 902(14)-style certification template, and the independent Python verifier. The export is itself logged: a custody record naming the contents is appended before the bundle is sealed, and is inside it. Written to a temporary file and renamed.

            Examples:
              colophon export --work lighthouse --out lighthouse-evidence.zip --reason "publisher's audit" --key press
              colophon export --artist "Greg Rutkowski" --out rutkowski.zip --since pinned.checkpoint
            """
    )

    @OptionGroup var options: LedgerOptions
    @OptionGroup var passphrase: PassphraseOptions

    @Option(
        help: ArgumentHelp(
            "A work (its id or record id): every version and every element's records.",
            valueName: "work"
        )
    )
    var work: String?

    @Option(help: ArgumentHelp("A record id (repeatable).", valueName: "id"))
    var record: [String] = []

    @Option(help: ArgumentHelp("An artist: declarations, attributed LoRAs and what they made.", valueName: "name"))
    var artist: String?

    @Option(
        help: ArgumentHelp("A LoRA (record id, hash or name): its attributions and what it made.", valueName: "ref")
    )
    var lora: String?

    @Option(help: ArgumentHelp("The bundle to write.", valueName: "file"))
    var out: String

    @Option(help: ArgumentHelp("Why: a request, an order, an audit (goes into the custody record).", valueName: "text"))
    var reason = "evidence export"

    @Option(help: ArgumentHelp("A checkpoint you pinned: the bundle proves the log extends it.", valueName: "file"))
    var since: String?

    @Option(
        help: ArgumentHelp(
            "A folder or CBZ of the images themselves: each that a record describes goes into the bundle.",
            valueName: "dir|cbz"
        )
    )
    var includeAssets: String?

    @Option(help: ArgumentHelp("The exporting key's name in the ledger.", valueName: "name"))
    var key: String?

    @Option(
        help: ArgumentHelp(
            "Committed fields whose openings stay out of the bundle: prompt, negativePrompt, operator (comma-separated).",
            valueName: "fields"
        )
    )
    var redact: String?

    func validate() throws {
        let given = [work != nil, !record.isEmpty, artist != nil, lora != nil].filter { $0 }.count
        guard given == 1 else { throw ValidationError("give exactly one of --work, --record, --artist, --lora") }
        for id in record where RecordID(id) == nil {
            throw ValidationError("\(id) is not a record id (sha256:<64 hex>)")
        }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--reason cannot be empty")
        }
    }

    func run() async throws {
        let scope: ExportScope
        if let work {
            scope = .work(work)
        } else if let artist {
            scope = .artist(artist)
        } else if let lora {
            scope = .lora(lora)
        } else {
            scope = .records(record.compactMap(RecordID.init))
        }
        var assets: [(name: String, bytes: [UInt8])] = []
        if let includeAssets {
            do {
                for page in try ComicArchive.read(path: includeAssets).pages {
                    assets.append((page.name, try page.read()))
                }
            } catch {
                throw Failure(Failure.usage, error.reason)
            }
        }
        let pinned = try since.map { try InputFile.readText($0, limit: 64 << 10, what: "checkpoint") }
        // The custody record is appended before the bundle is written: a bundle that cannot be
        // written must be known before then.
        let folder = URL(fileURLWithPath: out).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard !(FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory) && isDirectory.boolValue),
            FileManager.default.isWritableFile(atPath: folder)
        else {
            throw Failure(
                Failure.usage,
                "cannot write \(out): \(folder) is not a writable folder, or \(out) is a folder"
            )
        }
        let ledger = try await options.open()
        let signer = try await ledger.signingKey(named: key, passphrase: try passphrase.passphrase())
        let request = Ledger.ExportRequest(
            scope: scope,
            reason: reason,
            bundleName: URL(fileURLWithPath: out).lastPathComponent,
            since: pinned,
            tool: ColophonVersion.current,
            redact: try StampArguments.fields(redact),
            assets: assets
        )
        let bar = ProgressBar(total: 0, json: options.json, unit: .items("records"))
        let exported = try await bar.finishing {
            try await ledger.exportBundle(request, key: signer.key) { bar.update(done: $0, total: $1) }
        }
        do {
            try AtomicFile.write(exported.bytes, to: out)
        } catch {
            throw Failure(Failure.usage, "cannot write \(out): \(error)")
        }
        let report = ExportReport(path: out, exported)
        try options.output.emit(report, text: report.text)
    }
}
