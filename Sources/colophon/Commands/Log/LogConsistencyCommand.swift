import ArgumentParser
import ColophonCrypto
import ColophonLedger
import ColophonRecords
import ColophonReports

struct LogConsistencyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consistency",
        abstract: "Prove that the log of size NEW extends the log of size OLD (RFC 6962).",
        discussion: "Prints both roots and the proof hashes (base64), one per line."
    )

    @OptionGroup var options: LedgerOptions

    @Argument(help: "The older size.")
    var old: UInt64

    @Argument(help: "The newer size.")
    var new: UInt64

    struct Side: Codable {
        var size: UInt64
        var root: String
    }

    struct Report: Codable {
        var old: Side
        var new: Side
        var proof: [String]
    }

    func run() async throws {
        let ledger = try await options.open()
        let result = try await ledger.consistencyProof(from: old, to: new)
        let report = Report(
            old: Side(size: old, root: Base64.encode(result.oldRoot.bytes)),
            new: Side(size: new, root: Base64.encode(result.newRoot.bytes)),
            proof: result.proof.map { Base64.encode($0.bytes) }
        )
        try options.output.emit(
            report,
            text: (["old \(old) \(report.old.root)", "new \(new) \(report.new.root)"] + report.proof).joined(
                separator: "\n"
            )
        )
    }
}
