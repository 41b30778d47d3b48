import ArgumentParser
import ColophonLedger
import ColophonRecords
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

    struct CorrectionReport: Codable {
        var recordId: String
        var index: UInt64
        var integratedAt: String
        var action: String
        var reason: String
        var replacement: String?
        var by: [String]
    }

    struct Report: Codable {
        var recordId: String
        var index: UInt64
        var integratedAt: String
        var predicateType: String
        var valid: Bool
        var problem: String?
        var status: String
        var signatures: [SignatureReport]
        var statement: JSONValue
        var corrections: [CorrectionReport]
    }

    func run() async throws {
        let ledger = try await options.open()
        let record = try await ledger.resolve(id)
        let report = Report(
            recordId: record.recordID.description,
            index: record.entry.index,
            integratedAt: RFC3339.format(record.entry.integratedAt),
            predicateType: record.statement.predicateType,
            valid: record.verdict.isValid,
            problem: record.verdict.problem,
            status: record.status,
            signatures: record.verdict.signatures.map(SignatureReport.init),
            statement: record.statement.json,
            corrections: record.corrections.map {
                CorrectionReport(
                    recordId: $0.recordID.description,
                    index: $0.index,
                    integratedAt: RFC3339.format($0.integratedAt),
                    action: $0.action.rawValue,
                    reason: $0.reason,
                    replacement: $0.replacement?.description,
                    by: $0.by
                )
            }
        )
        try options.output.emit(report, text: text(report, record: record))
    }

    private func text(_ report: Report, record: LedgerRecord) -> String {
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
