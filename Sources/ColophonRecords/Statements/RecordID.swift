public import ColophonCrypto

/// A record's identity: the SHA-256 of its DSSE payload bytes, written `sha256:<hex>`.
///
/// Because the payload is canonical JSON, the same statement always has the same id, however
/// many times or by whom it is signed.
public struct RecordID: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let digest: SHA256Digest

    public init(digest: SHA256Digest) {
        self.digest = digest
    }

    /// The id of a payload.
    public init(payload: some Collection<UInt8>) {
        digest = SHA256.hash(Array(payload))
    }

    /// Parses `sha256:<64 hex>`; bare hex is accepted too, since people paste it.
    public init?(_ text: some StringProtocol) {
        let string = String(text)
        let hex = string.hasPrefix("sha256:") ? String(string.dropFirst(7)) : string
        guard let digest = SHA256Digest(hex: hex) else { return nil }
        self.digest = digest
    }

    public var description: String { "sha256:" + digest.hex }

    public static func < (lhs: RecordID, rhs: RecordID) -> Bool { lhs.digest < rhs.digest }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = RecordID(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a record id: \(text)")
            )
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
