import ArgumentParser
import ColophonLedger
import ColophonLog
import Foundation

/// Synchronous: the compiler's release build crashed splitting this as an async function (its
/// typed-throws calls), and nothing here awaits.
struct WitnessNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Make a witness key; prints its cosignature/v1 vkey for tlog-policy files."
    )

    @Argument(
        help: ArgumentHelp("The witness's name, a schema-less URL such as witness.example.org.", valueName: "name")
    )
    var name: String

    @Option(help: ArgumentHelp("Where to write the private key (mode 0600); it must not exist.", valueName: "file"))
    var out: String

    @Flag(help: "Print one JSON document.")
    var json = false

    struct Report: Codable {
        var name: String
        var vkey: String
        var key: String
    }

    func run() throws {
        let plain: NoteSigner
        do {
            plain = try NoteSigner.generate(name: name)
        } catch {
            throw Failure(Failure.usage, "invalid witness name \"\(name)\": \(error)")
        }
        let witness = try NoteSigner.witness(privateKeyText: plain.privateKeyText)
        try SecretFile.create(Array((plain.privateKeyText + "\n").utf8), at: out)
        let report = Report(name: name, vkey: witness.verifier.vkey, key: out)
        try Output(json: json).emit(report, text: "witness \(name)\nvkey \(report.vkey)\nprivate key \(out)")
    }
}
