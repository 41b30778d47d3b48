/// What was found about one signature of a record.
public struct SignatureVerdict: Hashable, Sendable, Codable {
    public var keyID: String
    /// The registered name of the key, when it is known.
    public var keyName: String?
    public var role: String?
    public var valid: Bool
    /// Why it is not valid; `nil` when it is.
    public var problem: String?

    public init(keyID: String, keyName: String?, role: String?, valid: Bool, problem: String?) {
        self.keyID = keyID
        self.keyName = keyName
        self.role = role
        self.valid = valid
        self.problem = problem
    }
}
