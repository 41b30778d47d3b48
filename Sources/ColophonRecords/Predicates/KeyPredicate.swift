/// Registers, rotates or revokes a signing key.
public struct KeyPredicate: Predicate, Hashable {
    public static let predicateType = PredicateType.key

    /// What happens to the key.
    public enum Action: String, Codable, Hashable, Sendable {
        case register
        case rotate
        case revoke
    }

    /// What a key is for; shown to whoever verifies its records.
    public enum Role: String, Codable, Hashable, Sendable, CaseIterable {
        case generator
        case author
        case artist
        case publisher
        case auditor
        case log
    }

    public var createdAt: Timestamp
    public var action: Action
    public var keyId: String
    public var name: String?
    public var role: Role?
    public var algorithm: String?
    public var publicKey: String?
    public var owner: Party?
    public var previousKeyId: String?
    public var reason: String?
    public var compromisedAt: Timestamp?

    public init(createdAt: Timestamp = .now, action: Action, keyId: String) {
        self.createdAt = createdAt
        self.action = action
        self.keyId = keyId
    }
}
