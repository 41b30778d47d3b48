import ArgumentParser
import ColophonLedger
import ColophonRecords
import ColophonReports

struct AppendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "Add signed records made elsewhere to the log.",
        discussion: """
            Each envelope must be signed only by keys registered in this ledger and valid now. All are checked first; if any fails, none is added. A record already in the log is not added twice: its existing index is reported.
            """
    )

    @OptionGroup var options: LedgerOptions

    @Argument(help: ArgumentHelp("DSSE envelopes (- for standard input).", valueName: "envelope.json"))
    var envelopes: [String]

    struct Report: Codable {
        var records: [AppendedReport]
        var checkpoint: CheckpointReport
    }

    func validate() throws {
        guard !envelopes.isEmpty else { throw ValidationError("name at least one envelope file") }
    }

    func run() async throws {
        var parsed: [Envelope] = []
        for file in envelopes {
            let bytes = try InputFile.read(file, limit: Envelope.maxInputBytes, what: "DSSE envelope")
            do {
                parsed.append(try Envelope(jsonBytes: bytes))
            } catch {
                throw Failure(Failure.usage, "\(file): \(error.reason)")
            }
        }
        let ledger = try await options.open()
        let results = try await ledger.append(parsed)
        let report = Report(
            records: results.map(AppendedReport.init),
            checkpoint: CheckpointReport(try await ledger.latestCheckpoint())
        )
        let lines = results.map { "\($0.isNew ? "appended" : "already present") \($0.recordID) at entry \($0.index)" }
        try options.output.emit(report, text: (lines + ["log size \(report.checkpoint.size)"]).joined(separator: "\n"))
    }
}
