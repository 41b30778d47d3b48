import ArgumentParser
import ColophonLedger
import ColophonRecords
import ColophonReports
import Foundation

struct RevealCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reveal",
        abstract: "Print the openings of a record's committed fields, so others can check them.",
        discussion: """
            A record stamped with --commit keeps its prompt (or negative prompt, or operator) only as a salted commitment; the opening (field, salt, value) stays in the ledger folder. Give the opening to whoever needs the value — a court, an auditor — and they check it against the record: `colophon bundle verify BUNDLE.zip --opening FILE`, or `verify_bundle.py bundle BUNDLE.zip --opening FILE`. Without --field every committed field is revealed.

            Example: colophon reveal sha256:… --field prompt --out prompt.opening.json
            """
    )

    @OptionGroup var options: LedgerOptions

    @Argument(help: ArgumentHelp("The record.", valueName: "id"))
    var record: String

    @Option(help: ArgumentHelp("A field to reveal (repeatable): prompt, negativePrompt, operator.", valueName: "field"))
    var field: [String] = []

    @Option(help: ArgumentHelp("Write the openings here instead of standard output.", valueName: "file"))
    var out: String?

    func validate() throws {
        guard RecordID(record) != nil else { throw ValidationError("\(record) is not a record id (sha256:<64 hex>)") }
        for name in field where !FieldOpening.fields.contains(name) {
            throw ValidationError("\(name) is not a committed field: \(FieldOpening.fields.joined(separator: ", "))")
        }
    }

    func run() async throws {
        let ledger = try await options.open()
        guard let id = RecordID(record) else { return }
        _ = try await ledger.record(id)
        guard var openings = try ledger.openings(of: id) else {
            throw Failure(
                Failure.notVerified,
                "this ledger keeps no openings for \(id): it commits to nothing, or was stamped elsewhere"
            )
        }
        if !field.isEmpty { openings.openings.removeAll { !field.contains($0.field) } }
        guard !openings.openings.isEmpty else {
            throw Failure(Failure.notVerified, "\(id) commits to none of \(field.joined(separator: ", "))")
        }
        let bytes = try CanonicalJSON.encode(JSONValue(encoding: openings))
        if let out {
            do {
                try AtomicFile.write(bytes + [0x0A], to: out)
            } catch {
                throw Failure(Failure.usage, "cannot write \(out): \(error)")
            }
            if options.json { Terminal.out(String(decoding: bytes, as: UTF8.self)) }
        } else {
            Terminal.out(String(decoding: bytes, as: UTF8.self))
        }
    }
}
