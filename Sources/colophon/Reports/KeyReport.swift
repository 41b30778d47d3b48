import ColophonCrypto
import ColophonLedger
import ColophonRecords
import Foundation

/// A key as `key new`, `key rotate` and `key list` report it.
struct KeyReport: Codable {
    var name: String
    var keyId: String
    var role: String
    var algorithm: String
    /// active, rotated or revoked.
    var status: String
    var registeredIndex: UInt64
    var registeredAt: String
    /// Whether this ledger folder holds the private key.
    var local: Bool
    var previousKeyId: String?
    var successorKeyId: String?
    var revokedAt: String?
    var revocationReason: String?
    var compromisedAt: String?

    init(_ state: KeyState, local: Bool) {
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

    var line: String {
        var text =
            "\(name)  \(role)  \(status)  \(keyId.prefix(16))…  registered \(registeredAt) (entry \(registeredIndex))"
        if let revocationReason { text += "  revoked: \(revocationReason)" }
        if let compromisedAt { text += "  compromised from \(compromisedAt)" }
        return text
    }
}
