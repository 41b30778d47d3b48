/// CBOR that cannot be read: what was wrong, and at which byte.
public struct CBORError: Error, Hashable, Sendable, CustomStringConvertible {
    public var offset: Int
    public var reason: String

    public init(offset: Int, _ reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "invalid CBOR at byte \(offset): \(reason)" }
}
