import ArgumentParser
import ColophonLedger
import ColophonRecords
import ColophonReports
import ColophonStorage
import Foundation

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one record: what it says, who signed it, where it is in the log, and corrections.",
        discussion: "ID is a record id (sha256:<hex>, or the bare hex) or a log index written #N."
    )

    @OptionGroup var options: LedgerOptions

    @Argument(help: "The record id or #index.")
    var id: String

    func run() async throws {
        let ledger = try await options.open()
        let record = try await ledger.resolve(id)
        let report = RecordReport(record)
        try options.output.emit(report, text: text(report, record: record))
    }

    private func text(_ report: RecordReport, record: LedgerRecord) -> String {
        let kind = record.statement.colophonType?.shortName ?? record.statement.predicateType
        var lines = [
            "\(kind) record \(report.recordId)",
            "entry \(report.index), logged \(report.integratedAt)",
            report.valid ? "signatures: valid" : "signatures: INVALID — \(report.problem ?? "")",
        ]
        lines += report.signatures.map(\.line)
        lines.append("subjects:")
        lines += record.statement.subjects.map { subject in
            "  \(subject.name ?? "(unnamed)")  "
                + subject.digest.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: " ")
        }
        if report.corrections.isEmpty {
            lines.append("status: current (no corrections)")
        } else {
            lines.append("status: \(report.status.uppercased())")
            for correction in report.corrections {
                var line =
                    "  \(correction.action) by \(correction.by.joined(separator: ", ")) at entry \(correction.index): \(correction.reason)"
                if let replacement = correction.replacement { line += " → \(replacement)" }
                lines.append(line)
            }
        }
        lines.append("predicate:")
        lines.append("  " + PrettyJSON.render(record.statement.predicate, indent: "  "))
        return lines.joined(separator: "\n")
    }
}
