public import Foundation

/// An RFC 3339 time as written in a record. The text is kept exactly, because it is part of
/// signed bytes; ``date`` is derived from it.
public struct Timestamp: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let text: String
    public let date: Date

    /// The time `date`, in UTC.
    public init(_ date: Date) {
        text = RFC3339.format(date)
        self.date = RFC3339.parse(text) ?? date
    }

    /// Parses RFC 3339 text.
    public init?(_ text: String) {
        guard let date = RFC3339.parse(text) else { return nil }
        self.text = text
        self.date = date
    }

    /// The current time.
    public static var now: Timestamp { Timestamp(Date()) }

    public var description: String { text }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.date < rhs.date }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = Timestamp(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not an RFC 3339 time: \(text)")
            )
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
