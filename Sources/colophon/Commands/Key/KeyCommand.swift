import ArgumentParser

struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Create, list, rotate and revoke signing keys.",
        discussion: """
            Every key is registered by a signed `key` record in the log, so anyone checking a record later knows which key was valid when it was logged. Private keys live in the ledger's keys/ folder, mode 0600.
            """,
        subcommands: [KeyNewCommand.self, KeyListCommand.self, KeyRotateCommand.self, KeyRevokeCommand.self]
    )
}
