/// Why an image, a metadata block or a model file could not be read or written.
public struct MediaError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: Code
    public var reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }

    /// The kind of a ``MediaError``.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The bytes break the format (bad CRC, impossible length, bad structure).
        public static let malformed = Code("malformed")
        /// The file ends before the format says it should.
        public static let truncated = Code("truncated")
        /// A valid file of a kind or variant Colophon does not handle.
        public static let unsupported = Code("unsupported")
        /// Beyond a limit that protects memory (decompression bombs, huge headers).
        public static let tooLarge = Code("tooLarge")
        /// Reading or writing a file failed.
        public static let io = Code("io")
        /// Well-formed, but a signature or binding in it does not verify.
        public static let invalid = Code("invalid")
    }
}
