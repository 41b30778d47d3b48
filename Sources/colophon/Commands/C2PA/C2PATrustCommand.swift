import ArgumentParser
import ColophonCrypto
import ColophonLedger

struct C2PATrustCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "Trust the roots in a PEM file for C2PA manifests (adds them to c2pa/anchors.pem).",
        discussion: """
            `colophon verify`, `c2pa import` and `stamp` report a manifest whose signer chains to one of these roots as Trusted; others that validate are Valid (untrusted). The C2PA trust list (C2PA-TRUST-LIST.pem from c2pa-org/conformance-public) can be added the same way.

            Example: colophon c2pa trust partner-root.pem
            """
    )

    @OptionGroup var options: LedgerOptions

    @Argument(help: ArgumentHelp("PEM files of root certificates.", valueName: "file"))
    var files: [String]

    func run() async throws {
        let ledger = try await options.open()
        let roots = try files.flatMap { try C2PACertCommand.certificates($0) }
        for root in roots where !root.isAuthority {
            Terminal.error(
                "colophon: warning: \(root.subject) is not a CA certificate; only chains ending at it are Trusted"
            )
        }
        let added = try C2PACredentials(directory: ledger.directory).trust(roots)
        try options.output.emit(
            ["added": added, "anchors": roots.count],
            text: "Trusting \(added) new root\(added == 1 ? "" : "s") for C2PA manifests (\(roots.count) read)"
        )
    }
}
