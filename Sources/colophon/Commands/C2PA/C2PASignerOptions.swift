import ArgumentParser
import ColophonLedger

/// Which certificate signs C2PA manifests, and whether the configured TSA time-stamps them.
struct C2PASignerOptions: ParsableArguments {
    @Option(
        name: .customLong("c2pa-cert"),
        help: ArgumentHelp(
            "PEM certificate chain (leaf first, no root) instead of the ledger's.",
            valueName: "file"
        )
    )
    var certificate: String?

    @Option(
        name: .customLong("c2pa-key"),
        help: ArgumentHelp("The PKCS#8 PEM key of --c2pa-cert (P-256 or Ed25519).", valueName: "file")
    )
    var key: String?

    @Flag(help: "Do not time-stamp the signature even when a TSA is configured (`colophon tsa`).")
    var noTimestamp = false

    func validate() throws {
        if (certificate == nil) != (key == nil) { throw ValidationError("--c2pa-cert and --c2pa-key go together") }
    }

    func signing(ledger: Ledger, passphrase: PassphraseOptions) throws -> C2PASigning {
        let signer = try C2PACredentials(directory: ledger.directory).signer(
            chain: certificate,
            key: key,
            passphrase: try passphrase.passphrase()
        )
        return C2PASigning(
            signer: signer,
            claimGenerator: "Colophon",
            claimGeneratorVersion: ColophonVersion.current,
            timestampAuthority: noTimestamp ? nil : ledger.configuration.timestampAuthority
        )
    }
}
