import ArgumentParser

struct ModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Register base model files.",
        subcommands: [ModelAddCommand.self]
    )
}
