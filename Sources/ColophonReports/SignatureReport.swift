public import ColophonLedger

/// One signature's verdict.
public struct SignatureReport: Codable, Sendable {
    public var keyId: String
    public var keyName: String?
    public var role: String?
    public var valid: Bool
    public var problem: String?

    public init(_ verdict: SignatureVerdict) {
        keyId = verdict.keyID
        keyName = verdict.keyName
        role = verdict.role
        valid = verdict.valid
        problem = verdict.problem
    }

    public var line: String {
        let who = keyName.map { "\($0) (\(keyId.prefix(16))…)" } ?? "\(keyId.prefix(16))…"
        return valid ? "  ✓ signed by \(who)\(role.map { ", \($0)" } ?? "")" : "  ✗ \(problem ?? "invalid") [\(who)]"
    }
}
