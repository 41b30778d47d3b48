/// A decoded PNG text chunk (`tEXt`, `zTXt` or `iTXt`).
public struct PNGText: Hashable, Sendable {
    /// How the text was stored, which decides its encoding.
    public enum Kind: String, Hashable, Sendable {
        /// Latin-1, uncompressed.
        case text = "tEXt"
        /// Latin-1, zlib-compressed.
        case compressedText = "zTXt"
        /// UTF-8, optionally compressed, with language tag and translated keyword.
        case internationalText = "iTXt"
    }

    public var keyword: String
    public var text: String
    public var kind: Kind
    /// False when an `iTXt` chunk held bytes that are not UTF-8; `text` then carries
    /// replacement characters where the bad bytes were.
    public var isValidEncoding: Bool

    public init(keyword: String, text: String, kind: Kind, isValidEncoding: Bool = true) {
        self.keyword = keyword
        self.text = text
        self.kind = kind
        self.isValidEncoding = isValidEncoding
    }
}
