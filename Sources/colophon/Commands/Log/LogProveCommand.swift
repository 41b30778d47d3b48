import ArgumentParser
import ColophonLedger
import ColophonLog
import ColophonRecords
import ColophonReports
import ColophonStorage
import Foundation

struct LogProveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Write a c2sp.org/tlog-proof@v1 file proving a record is in the log.",
        discussion: """
            The proof verifies offline with only the log's vkey: colophon log verify-proof, or any tlog-proof verifier.
            """
    )

    @OptionGroup var options: LedgerOptions

    @Argument(help: "The record (id or #index).")
    var id: String

    @Option(help: ArgumentHelp("Where to write the proof.", valueName: "file.tlog-proof"))
    var out: String

    @Option(help: ArgumentHelp("Prove against the checkpoint of this size (default: the latest).", valueName: "n"))
    var size: UInt64?

    struct Report: Codable {
        var recordId: String
        var index: UInt64
        var size: UInt64
        var file: String
    }

    func run() async throws {
        let ledger = try await options.open()
        let record = try await ledger.resolve(id)
        let proof = try await ledger.inclusionProof(for: record.recordID, size: size)
        do {
            try Data(proof.text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw Failure(Failure.usage, "cannot write \(out): \(error.localizedDescription)")
        }
        let head = try await ledger.checkpoint(size: size)
        try options.output.emit(
            Report(recordId: record.recordID.description, index: proof.index, size: head.size, file: out),
            text: "Wrote \(out): entry \(proof.index) in the log of size \(head.size)"
        )
    }
}
