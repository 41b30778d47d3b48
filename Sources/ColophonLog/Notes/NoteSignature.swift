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

    /// Parses one signature line, without its newline: `— <name> <base64>`.
    public init(line: some StringProtocol) throws(LogError) {
        guard line.hasPrefix("\u{2014} ") else {
            throw LogError(.malformedNote, "a line after the blank line is not a signature")
        }
        let fields = line.dropFirst(2).split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 2, NoteName.isValid(String(fields[0])) else {
            throw LogError(.malformedNote, "a signature line must read '— <name> <base64>'")
        }
        guard let bytes = Base64.decode(fields[1]), bytes.count > 4 else {
            throw LogError(.malformedNote, "a signature is not valid base64 of a key id and a signature")
        }
        self.init(name: String(fields[0]), bytes: bytes)
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
