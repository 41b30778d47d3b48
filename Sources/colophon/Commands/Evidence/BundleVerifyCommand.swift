import ArgumentParser
import ColophonLedger
import ColophonLog
import ColophonRecords
import ColophonReports
import Foundation

struct BundleVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check an evidence bundle offline: files, manifest signature, records, keys, proofs, custody.",
        discussion: """
            Needs no ledger. Every file against SHA256SUMS and the manifest; the manifest's signature by the exporting key; every record's id (the SHA-256 of its payload) and signatures against the key history the bundle carries, judged at the record's place in the log (rotations, revocations and compromise times apply); every inclusion proof against the one checkpoint, signed by the log key; the consistency proof from a pinned checkpoint; and the custody record of the export. --policy pins the log key (a C2SP tlog-policy file); without it the bundle's own key is used, which proves the bundle is self-consistent, not that it comes from the log you trust. Exit status 0 when everything verifies, 1 when something does not, 2 when the file is not a readable bundle.

            Example: colophon bundle verify lighthouse-evidence.zip --policy colophon.policy
            """
    )

    @Flag(help: "Print one JSON document on standard output (see Schemas/cli/).")
    var json = false

    @Argument(help: ArgumentHelp("The bundle.", valueName: "bundle"))
    var bundle: String

    @Option(help: ArgumentHelp("A tlog-policy file naming the log key to trust.", valueName: "file"))
    var policy: String?

    @Option(
        help: ArgumentHelp(
            "An opening from `colophon reveal` to check against the bundle (repeatable).",
            valueName: "file"
        )
    )
    var opening: [String] = []

    @Option(
        help: ArgumentHelp(
            "PEM roots of the time-stamping authority to trust; default: the bundle's own.",
            valueName: "file"
        )
    )
    var tsaRoots: String?

    func run() async throws {
        let trusted = try policy.map { path -> TlogPolicy in
            let text = try InputFile.readText(path, limit: 1 << 20, what: "policy")
            do {
                return try TlogPolicy(parsing: text)
            } catch {
                throw Failure(Failure.usage, "\(path) is not a tlog-policy: \(error)")
            }
        }
        guard FileManager.default.fileExists(atPath: bundle) else {
            throw Failure(Failure.usage, "\(bundle): no such file")
        }
        let openings = try opening.map { path -> RecordOpenings in
            let bytes = try InputFile.read(path, limit: 16 << 20, what: "opening")
            do {
                return try JSONParser().parse(bytes).decode(as: RecordOpenings.self)
            } catch {
                throw Failure(Failure.usage, "\(path) is not an opening from `colophon reveal`: \(error)")
            }
        }
        let roots = try tsaRoots.map { try InputFile.readText($0, limit: 1 << 20, what: "TSA roots") }
        let bar = ProgressBar(total: 0, json: json, unit: .items("records"))
        let result = try bar.finishingBlocking {
            try BundleVerifier.verify(path: bundle, policy: trusted, openings: openings, timestampRoots: roots) {
                bar.update(done: $0, total: $1)
            }
        }
        let report = BundleReport(path: bundle, result)
        try Output(json: json).emit(report, text: report.text)
        if !result.verified { throw ExitCode(Failure.notVerified) }
    }
}
