/// The signature types of C2SP signed-note keys that Colophon understands.
public enum NoteKeyType: UInt8, Sendable, Hashable {
    /// An Ed25519 signature over the note text (a log's checkpoint signature).
    case ed25519 = 0x01
    /// A C2SP tlog-cosignature `cosignature/v1`: Ed25519 over a timestamped statement about
    /// a checkpoint (what witnesses add).
    case cosignatureV1 = 0x04
}
