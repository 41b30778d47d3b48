/// A PostgreSQL URL that cannot be used, and why.
public struct PostgresLocationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
