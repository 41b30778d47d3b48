import ColophonCrypto
public import ColophonLedger
import ColophonRecords
import Foundation

/// A key as `key new`, `key rotate` and `key list` report it.
public struct KeyReport: Codable, Sendable {
    public var name: String
    public var keyId: String
    public var role: String
    public var algorithm: String
    /// active, rotated or revoked.
    public var status: String
    public var registeredIndex: UInt64
    public var registeredAt: String
    /// Whether this ledger folder holds the private key.
    public var local: Bool
    public var previousKeyId: String?
    public var successorKeyId: String?
    public var revokedAt: String?
    public var revocationReason: String?
    public var compromisedAt: String?

    public init(_ state: KeyState, local: Bool) {
        name = state.name
        keyId = state.keyID
        role = state.role.rawValue
        algorithm = state.verifyingKey.algorithm.rawValue
        status = state.revocation != nil ? "revoked" : state.rotation != nil ? "rotated" : "active"
        registeredIndex = state.registeredAt
        registeredAt = RFC3339.format(state.registeredTime)
        self.local = local
        previousKeyId = state.previousKeyID
        successorKeyId = state.rotation?.successor
        revokedAt = state.revocation.map { RFC3339.format($0.time) }
        revocationReason = state.revocation?.reason
        compromisedAt = state.revocation?.compromisedAt.map { RFC3339.format($0) }
    }

    public var line: String {
        var text =
            "\(name)  \(role)  \(status)  \(keyId.prefix(16))…  registered \(registeredAt) (entry \(registeredIndex))"
        if let revocationReason { text += "  revoked: \(revocationReason)" }
        if let compromisedAt { text += "  compromised from \(compromisedAt)" }
        return text
    }
}
