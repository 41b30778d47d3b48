import ArgumentParser

struct LoraCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lora",
        abstract: "Register LoRAs and other adapters.",
        subcommands: [LoraAddCommand.self]
    )
}
