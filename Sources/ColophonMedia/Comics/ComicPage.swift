/// One page image of a comic, by its name in the archive or folder.
public struct ComicPage: Sendable {
    public var name: String
    public var bytes: [UInt8]
    /// Lower-case hex SHA-256 of the bytes.
    public var sha256: String

    public init(name: String, bytes: [UInt8], sha256: String) {
        self.name = name
        self.bytes = bytes
        self.sha256 = sha256
    }
}
