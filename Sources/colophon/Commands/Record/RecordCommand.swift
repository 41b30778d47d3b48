import ArgumentParser

struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Sign in-toto statements into DSSE envelopes, and verify envelopes.",
        subcommands: [RecordSignCommand.self, RecordVerifyCommand.self]
    )
}
