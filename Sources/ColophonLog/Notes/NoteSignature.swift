import ColophonRecords

/// One signature line of a signed note: `— <name> <base64(key id ‖ signature)>`.
public struct NoteSignature: Hashable, Sendable {
    public let name: String
    /// The 4-byte big-endian key id followed by the signature.
    public let bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// The key id the signature claims.
    public var keyID: UInt32 {
        bytes.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The line as it appears in a note, with its final newline.
    public var line: String {
        "\u{2014} \(name) \(Base64.encode(bytes))\n"
    }
}
