import ArgumentParser

struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "The transparency log: checkpoints, proofs, and tiles for static hosting.",
        subcommands: [
            LogCheckpointCommand.self, LogProveCommand.self, LogConsistencyCommand.self, LogVerifyProofCommand.self,
            LogTilesCommand.self,
        ]
    )
}
