import ArgumentParser
import ColophonLedger
import ColophonMedia
import ColophonReports

struct ModelAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Hash a model file and record it, so images made with it resolve to it.",
        discussion: """
            Computes SHA-256, AutoV1, AutoV2, AutoV3 (the safetensors data hash), BLAKE3 and CRC32 in one pass, reads the safetensors header (kept whole as a blob), and appends a model record signed with --key. A file registered before is not registered twice.

            Example: colophon model add sd_xl_base_1.0.safetensors --name "SDXL 1.0"
            """
    )

    @OptionGroup var options: LedgerOptions
    @OptionGroup var passphrase: PassphraseOptions

    @Argument(help: ArgumentHelp("The weights file (.safetensors, .ckpt, .gguf, ...).", valueName: "file"))
    var file: String

    @Option(help: "The name to record; default: the file name without its extension.")
    var name: String?

    @Option(help: ArgumentHelp("The signing key's name in the ledger.", valueName: "name"))
    var key: String?

    func run() async throws {
        let model = try ModelFiles.open(file, json: options.json)
        let ledger = try await options.open()
        let signer = try await ledger.signingKey(named: key, passphrase: try passphrase.passphrase()).key
        let record = try await ledger.registerModel(model, name: name, key: signer)
        let report = RegistrationReport(
            record: record,
            kind: "model",
            name: name ?? ModelFiles.stem(model.fileName),
            file: model
        )
        try options.output.emit(report, text: report.text)
    }
}

/// Opening a weights file for registration, with the errors a user understands.
enum ModelFiles {
    /// Hashes the file, with a progress bar on a terminal unless `json` (a checkpoint is gigabytes).
    static func open(_ path: String, json: Bool) throws -> ModelFile {
        let bar = ProgressBar(total: 0, json: json, unit: .bytes)
        do {
            return try bar.finishingBlocking { () throws(MediaError) in
                try ModelFile(path: path) { bar.update(done: $0, total: $1) }
            }
        } catch {
            throw Failure(Failure.usage, error.reason)
        }
    }

    static func stem(_ fileName: String) -> String {
        ModelReference(name: fileName).stem ?? fileName
    }
}
