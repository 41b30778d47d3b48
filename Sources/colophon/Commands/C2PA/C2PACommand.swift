import ArgumentParser

struct C2PACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "c2pa",
        abstract: "Content Credentials: sign C2PA manifests into images, and record the ones others signed.",
        discussion: """
            Colophon writes C2PA 2.2 manifests itself: a v2 claim, a c2pa.created action with the IPTC digital source type, the base model and each LoRA as inputTo ingredients, the prompt, an org.colophon.record assertion naming the record and its log entry, and the c2pa.hash.data binding; signed with COSE (ES256 or Ed25519) and an X.509 chain, time-stamped by the configured TSA (`colophon tsa`). PNG carries it in a caBX chunk, JPEG in APP11 segments. `colophon verify` validates manifests the way c2pa validators do: Invalid, Valid (signature good, signer not anchored) or Trusted (chain ends at an anchor in c2pa/anchors.pem or --c2pa-anchor).
            """,
        subcommands: [C2PACertCommand.self, C2PASignCommand.self, C2PAImportCommand.self, C2PATrustCommand.self]
    )
}
