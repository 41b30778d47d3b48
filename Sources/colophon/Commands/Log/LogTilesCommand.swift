import ArgumentParser
import ColophonLedger
import ColophonLog
import ColophonReports

struct LogTilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tiles",
        abstract: "Publish the log as a C2SP tlog-tiles directory for any static web server.",
        discussion: """
            Incremental: only tiles that changed since the directory's checkpoint are written, and the checkpoint is replaced last, so a cron job can run this and sync the folder to any static host or CDN. Serve tile/ as immutable and checkpoint with a short cache time.
            """
    )

    @OptionGroup var options: LedgerOptions

    @Option(help: ArgumentHelp("The directory to publish into.", valueName: "dir"))
    var out: String

    struct Report: Codable {
        var directory: String
        var previousSize: UInt64
        var size: UInt64
        var filesWritten: Int
        var bytesWritten: Int
    }

    func run() async throws {
        let ledger = try await options.open()
        let result = try await ledger.publishTiles(to: out)
        let report = Report(
            directory: out,
            previousSize: result.previousSize,
            size: result.size,
            filesWritten: result.filesWritten,
            bytesWritten: result.bytesWritten
        )
        try options.output.emit(
            report,
            text:
                "Published \(out): size \(result.previousSize) → \(result.size), \(result.filesWritten) files, \(result.bytesWritten) bytes"
        )
    }
}
