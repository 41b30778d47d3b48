import ArgumentParser

struct WorkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "work",
        abstract: "Create and edit works: comics and books, their pages and the elements on them.",
        subcommands: [
            WorkImportCommand.self, WorkEditCommand.self, WorkElementCommand.self, WorkShowCommand.self,
            WorkExportCommand.self,
        ]
    )
}
