/// An artifact by its SHA-256, with the record that describes it when there is one.
public struct DigestRef: Codable, Hashable, Sendable {
    public var sha256: String
    public var record: String?

    public init(sha256: String, record: String? = nil) {
        self.sha256 = sha256
        self.record = record
    }
}
