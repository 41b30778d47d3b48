import ColophonCrypto

/// One page image of a comic, by its name in the archive or folder.
///
/// A page read from a CBZ or a folder keeps only its digest and where it lies: ``read()`` fetches
/// its bytes when they are needed, so a comic of hundreds of large pages costs the memory of one.
public struct ComicPage: Sendable {
    /// The entry's path in the archive, or the file's name in the folder.
    public var name: String
    /// Lower-case hex SHA-256 of the bytes.
    public var sha256: String
    /// The image file's size in bytes.
    public var size: Int
    let source: Source

    /// Where a page's bytes are.
    enum Source: Sendable {
        case memory([UInt8])
        case zipEntry(archive: String)
        case file(path: String)
    }

    /// A page held in memory.
    public init(name: String, bytes: [UInt8]) {
        self.init(name: name, sha256: SHA256.hash(bytes).hex, size: bytes.count, source: .memory(bytes))
    }

    init(name: String, sha256: String, size: Int, source: Source) {
        self.name = name
        self.sha256 = sha256
        self.size = size
        self.source = source
    }

    /// The image file, exactly as stored; refused if it changed since the comic was read.
    public func read() throws(MediaError) -> [UInt8] {
        let expected = SHA256Digest(hex: sha256)
        switch source {
        case .memory(let bytes):
            return bytes
        case .zipEntry(let archive):
            guard let expected else { throw MediaError(.malformed, "\(name): not a SHA-256 digest") }
            return try ZipReader.bytes(of: name, in: archive, expected: expected, size: size)
        case .file(let path):
            let file = try RegularFile(path: path, followLinks: false)
            guard file.size == size else { throw MediaError(.io, "\(path) changed after the comic was first read") }
            let bytes = try file.read(offset: 0, count: file.size)
            guard SHA256.hash(bytes).hex == sha256 else {
                throw MediaError(.io, "\(path) changed after the comic was first read")
            }
            return bytes
        }
    }
}
