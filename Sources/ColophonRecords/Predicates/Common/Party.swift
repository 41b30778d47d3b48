/// A person or organisation, optionally bound to a registered key.
public struct Party: Codable, Hashable, Sendable {
    public var name: String
    public var role: String?
    public var keyId: String?

    public init(name: String, role: String? = nil, keyId: String? = nil) {
        self.name = name
        self.role = role
        self.keyId = keyId
    }
}
