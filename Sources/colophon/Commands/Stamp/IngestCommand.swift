import ArgumentParser
import ColophonLedger
import ColophonReports
import Foundation

struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Stamp every image in a folder, on all cores; re-running skips what is stamped.",
        discussion: """
            Walks DIR (and its subfolders) for PNG, JPEG and WebP files and stamps each as `colophon stamp` does, several at a time, with their appends grouped into shared transactions. An image whose file or pixel digest already has a generation record is skipped, so an interrupted ingest can simply be run again. A progress bar is drawn on a terminal; a summary ends the run. Exit status 2 when any image could not be read.

            Example: colophon ingest outputs/ --key studio --embed
            """
    )

    @OptionGroup var options: LedgerOptions
    @OptionGroup var passphrase: PassphraseOptions

    @Argument(help: ArgumentHelp("The folder of images.", valueName: "dir"))
    var directory: String

    @Option(help: ArgumentHelp("The signing key's name in the ledger.", valueName: "name"))
    var key: String?

    @Flag(help: "Embed the credential in each image as XMP (in place, or in the --watermark copies).")
    var embed = false

    @Flag(help: "Mark each image with the invisible watermark first; the marked PNGs go to --out.")
    var watermark = false

    @Option(help: ArgumentHelp("With --watermark: the folder the marked PNGs go to.", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("The provider named in the SB 942 / GB 45438 fields.", valueName: "name"))
    var provider: String?

    @Option(
        help: ArgumentHelp(
            "Fields the record keeps only as salted commitments: prompt, negativePrompt, operator (comma-separated).",
            discussion: "The openings stay in the ledger folder; `colophon reveal` prints them.",
            valueName: "fields"
        )
    )
    var commit: String?

    @Option(help: ArgumentHelp("Images stamped at once; default: the number of cores.", valueName: "n"))
    var jobs: Int?

    struct Summary: Codable {
        var directory: String
        var found: Int
        var stamped: Int
        var alreadyStamped: Int
        var failed: Int
        var seconds: Double
        var failures: [StampReport]
        var images: [StampReport]
    }

    func validate() throws {
        if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs must be between 1 and 256") }
        if watermark != (out != nil) { throw ValidationError("--watermark and --out go together") }
    }

    func run() async throws {
        let files = try Self.images(in: directory, excluding: options.directory.root.path)
        if let out {
            guard StampArguments.isFolder(out) else { throw Failure(Failure.usage, "--out \(out) is not a folder") }
        }
        // Marked copies are named after their path inside DIR, flattened, as PNGs.
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        let outputs: [String: String] = Dictionary(
            uniqueKeysWithValues: files.map { file in
                let relative = String(file.dropFirst(root.count)).trimmingCharacters(
                    in: CharacterSet(charactersIn: "/")
                )
                let flat = URL(fileURLWithPath: relative).deletingPathExtension().relativePath
                    .replacingOccurrences(of: "/", with: "_")
                return (file, URL(fileURLWithPath: out ?? ".").appendingPathComponent(flat + ".png").path)
            }
        )
        if out != nil {
            // Two images flattened to one name would overwrite each other's marked copy.
            var taken: [String: String] = [:]
            for file in files {
                guard let target = outputs[file] else { continue }
                if let other = taken[target] {
                    throw Failure(
                        Failure.usage,
                        "\(other) and \(file) would both be marked into \(target); rename one of them"
                    )
                }
                taken[target] = file
            }
        }
        let ledger = try await options.open()
        let signer = try await ledger.signingKey(named: key, passphrase: try passphrase.passphrase()).key
        let stamper = try await Stamper(ledger: ledger, key: signer, groupCommit: true)
        var stampOptions = StampOptions()
        stampOptions.embed = embed
        stampOptions.watermark = watermark
        stampOptions.provider = provider
        stampOptions.commit = try StampArguments.fields(commit)
        let started = Date()
        let progress = ProgressBar(total: files.count, enabled: !options.json && isatty(STDERR_FILENO) == 1)
        let width = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let frozen = stampOptions
        var reports: [StampReport] = []
        await withTaskGroup(of: StampReport.self) { group in
            var next = 0
            func launch() {
                guard next < files.count else { return }
                let file = files[next]
                next += 1
                var perImage = frozen
                if frozen.watermark { perImage.output = outputs[file] }
                group.addTask { [perImage] in
                    do {
                        return StampReport(try await stamper.stamp(path: file, options: perImage))
                    } catch {
                        return StampReport(
                            path: file,
                            error: (Failure.classify(error) ?? Failure(3, "\(error)")).message
                        )
                    }
                }
            }
            for _ in 0..<width { launch() }
            for await report in group {
                reports.append(report)
                progress.advance(failed: report.status == "failed")
                launch()
            }
        }
        progress.finish()
        reports.sort { $0.path < $1.path }
        let summary = Summary(
            directory: directory,
            found: files.count,
            stamped: reports.count { $0.status == "stamped" },
            alreadyStamped: reports.count { $0.status == "already-stamped" },
            failed: reports.count { $0.status == "failed" },
            seconds: (Date().timeIntervalSince(started) * 1000).rounded() / 1000,
            failures: reports.filter { $0.status == "failed" },
            images: reports
        )
        try options.output.emit(summary, text: Self.text(summary))
        if summary.failed > 0 { throw ExitCode(Failure.usage) }
    }

    static func text(_ summary: Summary) -> String {
        var lines = summary.failures.map(\.text)
        let rate = summary.seconds > 0 ? Double(summary.stamped) / summary.seconds : 0
        lines.append(
            "\(summary.found) images in \(summary.directory): \(summary.stamped) stamped, "
                + "\(summary.alreadyStamped) already stamped, \(summary.failed) failed "
                + "(\(String(format: "%.1f", summary.seconds)) s, \(String(format: "%.1f", rate)) images/s)"
        )
        return lines.joined(separator: "\n")
    }

    /// Image files under `directory`, sorted, skipping hidden entries and the ledger itself.
    static func images(in directory: String, excluding ledger: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(Failure.usage, "\(directory) is not a folder")
        }
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        guard
            let walker = FileManager.default.enumerator(
                at: root,
                includingPropertiesForKeys: [.isRegularFileKey],
                options: [.skipsHiddenFiles]
            )
        else { throw Failure(Failure.usage, "\(directory) cannot be read") }
        var found: [String] = []
        for case let url as URL in walker {
            if url.standardizedFileURL.path == ledger {
                walker.skipDescendants()
                continue
            }
            guard ["png", "jpg", "jpeg", "webp"].contains(url.pathExtension.lowercased()),
                (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
            else { continue }
            found.append(url.path)
        }
        return found.sorted()
    }
}
