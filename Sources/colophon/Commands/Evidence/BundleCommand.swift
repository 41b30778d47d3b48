import ArgumentParser

struct BundleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "Evidence bundles made by `colophon export`.",
        subcommands: [BundleVerifyCommand.self]
    )
}
