import ArgumentParser
import ColophonLedger
import ColophonReports
import Foundation

struct TSACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tsa",
        abstract: "Configure the RFC 3161 time-stamping authority that timestamps evidence bundles.",
        discussion: """
            With a TSA configured, `colophon export` asks it for a token over the bundle's checkpoint and one over its manifest, checks both (signature, certificate chain to the roots given here, imprint, nonce) and puts them in the bundle with the roots; `bundle verify` and verify_bundle.py check them again. --remove stops timestamping.

            Example: colophon tsa https://freetsa.org/tsr --roots freetsa-root.pem
            """
    )

    @OptionGroup var options: LedgerOptions

    @Argument(help: ArgumentHelp("The TSA's URL (http or https).", valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp("PEM file of the root certificates its tokens must chain to.", valueName: "file"))
    var roots: String?

    @Flag(help: "Stop timestamping bundles.")
    var remove = false

    func validate() throws {
        if remove, url != nil || roots != nil { throw ValidationError("--remove takes no URL or roots") }
        if !remove, url == nil || roots == nil { throw ValidationError("give the TSA's URL and --roots (or --remove)") }
    }

    func run() async throws {
        let ledger = try await options.open()
        if remove {
            try ledger.setTimestampAuthority(nil)
            try options.output.emit(["timestampAuthority": "none"], text: "Bundles will not be timestamped")
            return
        }
        guard let url, let roots else { return }
        let pem = try InputFile.readText(roots, limit: 1 << 20, what: "PEM roots")
        try ledger.setTimestampAuthority(TimestampAuthority(url: url, roots: pem))
        try options.output.emit(["timestampAuthority": url], text: "Bundles will be timestamped by \(url)")
    }
}
