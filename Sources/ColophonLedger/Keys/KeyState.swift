public import ColophonCrypto
public import ColophonRecords
public import Foundation

/// What the log says about one key: when it was registered, and whether and when it was
/// rotated out, revoked or compromised.
public struct KeyState: Sendable {
    public let keyID: String
    public let name: String
    public let role: KeyPredicate.Role
    public let verifyingKey: VerifyingKey
    public let publicKeyPEM: String
    public let owner: Party?
    /// The log index of the record that registered it.
    public let registeredAt: UInt64
    public let registeredTime: Date
    public internal(set) var previousKeyID: String?
    /// Set when a rotate record replaced this key.
    public internal(set) var rotation: (index: UInt64, time: Date, successor: String)?
    /// Set when a revoke record revoked it.
    public internal(set) var revocation: (index: UInt64, time: Date, reason: String, compromisedAt: Date?)?

    /// Whether the key may sign new records.
    public var isActive: Bool { rotation == nil && revocation == nil }

    /// Why a signature by this key on a record at `index` (integrated at `time`) is not valid,
    /// or `nil` when it is. An unlogged record is judged as if logged now.
    public func problem(index: UInt64?, time: Date) -> String? {
        if let revocation, let compromised = revocation.compromisedAt, time >= compromised {
            return
                "signed with key \(name) at or after its compromise at \(RFC3339.format(compromised)) (revoked: \(revocation.reason))"
        }
        if let index, index < registeredAt {
            return "signed with key \(name) before the key was registered (entry \(registeredAt))"
        }
        if let revocation, index.map({ $0 > revocation.index }) ?? true {
            return
                "signed with key \(name) after it was revoked at \(RFC3339.format(revocation.time)) (\(revocation.reason))"
        }
        if let rotation, index.map({ $0 > rotation.index }) ?? true {
            return "signed with key \(name) after it was rotated out at \(RFC3339.format(rotation.time))"
        }
        return nil
    }
}
