/// Why an image could not be marked or read.
public struct WatermarkError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: Code
    /// One line naming what was wrong with which input.
    public var reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }

    /// The kind of a ``WatermarkError``.
    public enum Code: String, Hashable, Sendable {
        /// The pixel buffer does not match its dimensions.
        case badImage
        /// Smaller than 256 or larger than 8192 pixels a side.
        case unsupportedSize
        /// The image already carries a watermark of this scheme: two would interfere.
        case alreadyMarked
    }
}
