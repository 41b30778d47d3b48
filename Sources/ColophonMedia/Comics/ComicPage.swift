/// One page image of a comic, by its name in the archive or folder.
public struct ComicPage: Sendable {
    /// The entry's path in the archive, or the file's name in the folder.
    public var name: String
    /// The image file, exactly as stored.
    public var bytes: [UInt8]
    /// Lower-case hex SHA-256 of the bytes.
    public var sha256: String

    public init(name: String, bytes: [UInt8], sha256: String) {
        self.name = name
        self.bytes = bytes
        self.sha256 = sha256
    }
}
