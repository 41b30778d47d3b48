/// The hashes a weights file is known by: full SHA-256 and the short forms generators write
/// (Civitai AutoV1/AutoV2, the addnet/AutoV3 tensor hash, BLAKE3, CRC32).
public struct FileHashes: Codable, Hashable, Sendable {
    public var sha256: String?
    public var autov1: String?
    public var autov2: String?
    public var autov3: String?
    public var blake3: String?
    public var crc32: String?

    public init(
        sha256: String? = nil,
        autov1: String? = nil,
        autov2: String? = nil,
        autov3: String? = nil,
        blake3: String? = nil,
        crc32: String? = nil
    ) {
        self.sha256 = sha256
        self.autov1 = autov1
        self.autov2 = autov2
        self.autov3 = autov3
        self.blake3 = blake3
        self.crc32 = crc32
    }
}
