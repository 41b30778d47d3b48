/// One way a JSON instance fails its schema: where (a JSON Pointer into the instance) and why.
public struct SchemaViolation: Hashable, Sendable, CustomStringConvertible {
    /// JSON Pointer (RFC 6901) to the offending value; empty for the root.
    public var path: String
    /// What rule it broke.
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String {
        "\(path.isEmpty ? "/" : path): \(message)"
    }
}
