/// A schema document that this validator cannot apply faithfully.
///
/// Raised for keywords it does not implement, so a constraint is never silently ignored.
public struct SchemaError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { "unusable JSON Schema: \(reason)" }
}
