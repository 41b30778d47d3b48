import ArgumentParser
import ColophonLedger
import ColophonReports
import Foundation

struct KeyRotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Replace a key with a new one; records signed by the old key before now stay valid."
    )

    @OptionGroup var options: LedgerOptions
    @OptionGroup var passphrase: PassphraseOptions

    @Argument(help: "The key to rotate.")
    var name: String

    func run() async throws {
        let ledger = try await options.open()
        let (state, record) = try await ledger.rotateKey(name: name, passphrase: try passphrase.passphrase())
        let report = KeyNewCommand.Report(
            key: KeyReport(state, local: true),
            record: AppendedReport(record),
            file: ledger.keyring.file(name).path
        )
        try options.output.emit(
            report,
            text: """
                Rotated key \(name): new key id \(state.keyID)
                previous key \(state.previousKeyID ?? "?") is retired
                recorded by \(record.recordID) at entry \(record.index)
                """
        )
    }
}
