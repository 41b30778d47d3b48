import ArgumentParser

struct WitnessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness",
        abstract: "C2SP tlog-witness: cosign checkpoints of logs, never two inconsistent ones.",
        discussion: """
            A witness remembers the newest checkpoint it cosigned for each log and cosigns a new one only with a consistency proof from it. Clients that require a quorum of witnesses (a tlog-policy, see colophon serve --witness-policy and log verify-proof --policy) then cannot be shown two different trees.
            """,
        subcommands: [WitnessNewCommand.self, WitnessServeCommand.self]
    )
}
