import ArgumentParser
import ColophonCrypto
import ColophonLedger
import ColophonReports

struct KeyListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every key the log knows, with its status."
    )

    @OptionGroup var options: LedgerOptions

    struct Report: Codable {
        var keys: [KeyReport]
    }

    func run() async throws {
        let ledger = try await options.open()
        let registry = try await ledger.keyRegistry()
        let keys = registry.keys.values.sorted { $0.registeredAt < $1.registeredAt }.map { state in
            let local = (try? ledger.keyring.load(state.name))?.verifyingKey.keyID == state.keyID
            return KeyReport(state, local: local)
        }
        try options.output.emit(
            Report(keys: keys),
            text: keys.isEmpty ? "No keys." : keys.map(\.line).joined(separator: "\n")
        )
    }
}
