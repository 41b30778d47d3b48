import ColophonLedger

/// One signature's verdict.
struct SignatureReport: Codable {
    var keyId: String
    var keyName: String?
    var role: String?
    var valid: Bool
    var problem: String?

    init(_ verdict: SignatureVerdict) {
        keyId = verdict.keyID
        keyName = verdict.keyName
        role = verdict.role
        valid = verdict.valid
        problem = verdict.problem
    }

    var line: String {
        let who = keyName.map { "\($0) (\(keyId.prefix(16))…)" } ?? "\(keyId.prefix(16))…"
        return valid ? "  ✓ signed by \(who)\(role.map { ", \($0)" } ?? "")" : "  ✗ \(problem ?? "invalid") [\(who)]"
    }
}
