import ArgumentParser
import Foundation

/// Where a private key's passphrase comes from: a file, or $COLOPHON_PASSPHRASE. Never a
/// command-line argument, which other users can read from the process list.
struct PassphraseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A file holding the passphrase of an encrypted private key.",
            discussion: "Default: $COLOPHON_PASSPHRASE.",
            valueName: "file"
        )
    )
    var passphraseFile: String?

    func passphrase() throws -> String? {
        if let passphraseFile {
            let text = try InputFile.readText(passphraseFile, limit: 4096, what: "passphrase file")
            return text.trimmingCharacters(in: .newlines)
        }
        return ProcessInfo.processInfo.environment["COLOPHON_PASSPHRASE"]
    }
}
