import ArgumentParser

struct ConsentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent",
        abstract: "An artist's declarations of consent or refusal.",
        subcommands: [ConsentDeclareCommand.self, ConsentListCommand.self]
    )
}
