import ArgumentParser
import Foundation

/// The `colophon` command: a provenance and attribution ledger for AI-generated images.
struct Colophon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "colophon",
        abstract: "A signed, append-only ledger of where AI images came from and what people made by hand.",
        discussion: """
            Records are in-toto statements in DSSE envelopes, signed with Ed25519 and kept in a transparency log (RFC 6962, C2SP checkpoints and tiles). The ledger is the folder given by --ledger DIR, else by $COLOPHON_LEDGER, else .colophon in the working directory.

            Start with `colophon quickstart` to see the whole story on sample data, or `colophon init` to make a ledger of your own.

            Exit status: 0 success or verified; 1 checked and not verified, or not found; 2 bad usage or bad input; 3 internal or storage error.
            """,
        version: ColophonVersion.current,
        subcommands: [
            InitCommand.self,
            KeyCommand.self,
            RecordCommand.self,
            AppendCommand.self,
            ShowCommand.self,
            CorrectCommand.self,
            LogCommand.self,
            ModelCommand.self,
            LoraCommand.self,
            StampCommand.self,
            IngestCommand.self,
            LookupCommand.self,
            C2PACommand.self,
            ServeCommand.self,
            WitnessCommand.self,
            ConsentCommand.self,
            ContributeCommand.self,
            WorkCommand.self,
            ExportCommand.self,
            BundleCommand.self,
            RevealCommand.self,
            TSACommand.self,
            VerifyCommand.self,
            WatermarkCommand.self,
            QuickstartCommand.self,
        ]
    )
}

@main
enum ColophonMain {
    static func main() async {
        do {
            var command = try Colophon.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if let failure = Failure.classify(error) {
                Terminal.error("colophon: \(failure.message)")
                exit(failure.status)
            }
            if Colophon.exitCode(for: error) == .success || error is CleanExit {
                Colophon.exit(withError: error)
            }
            if let code = error as? ExitCode {
                exit(code.rawValue)
            }
            // Usage errors from argument parsing: one line of reason, then the usage.
            Terminal.error(Colophon.fullMessage(for: error))
            exit(Failure.usage)
        }
    }
}
