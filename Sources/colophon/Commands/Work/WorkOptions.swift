import ArgumentParser
import ColophonLedger
import ColophonRecords
import ColophonReports
import Foundation

/// What `work import` and `work element` share: who signs, and the work-level fields.
struct WorkOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A creator and their role (repeatable).", valueName: "name:role"))
    var creator: [String] = []

    @Option(help: ArgumentHelp("The publisher.", valueName: "name"))
    var publisher: String?

    @Option(help: ArgumentHelp("A contribution to the work as a whole (repeatable).", valueName: "record"))
    var contribution: [String] = []

    @Option(help: ArgumentHelp("The signing key's name in the ledger.", valueName: "name"))
    var key: String?

    /// Applies the creators, publisher and work-level contributions given.
    func apply(to work: inout WorkPredicate) throws {
        if !creator.isEmpty {
            work.creators = try creator.map { text in
                let parts = text.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard let name = parts.first, !name.isEmpty else {
                    throw Failure(Failure.usage, "--creator needs NAME:ROLE, e.g. \"Kris Kashtanova:writer\"")
                }
                return Party(name: name, role: parts.count == 2 ? parts[1] : nil)
            }
        }
        if let publisher { work.publisher = Party(name: publisher, role: "publisher") }
        for record in contribution {
            guard RecordID(record) != nil else { throw Failure(Failure.usage, "--contribution needs a record id") }
            var list = work.contributionRecords ?? []
            if !list.contains(record) { list.append(record) }
            work.contributionRecords = list
        }
    }
}
