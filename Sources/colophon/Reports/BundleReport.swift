import ColophonLedger

/// What `bundle verify` prints: each check and the verdict.
struct BundleReport: Codable {
    struct Check: Codable {
        var name: String
        var passed: Bool
        var detail: String
    }

    var path: String
    var verified: Bool
    var records: Int
    var checkpointSize: UInt64?
    var logKey: String
    var checks: [Check]

    init(path: String, _ result: BundleVerification) {
        self.path = path
        verified = result.verified
        records = result.records
        checkpointSize = result.checkpointSize
        logKey = result.logKeySource
        checks = result.checks.map { Check(name: $0.name, passed: $0.passed, detail: $0.detail) }
    }

    var text: String {
        var lines = [
            verified
                ? "VERIFIED  \(path): \(records) records, checkpoint \(checkpointSize ?? 0)"
                : "NOT VERIFIED  \(path)"
        ]
        lines += checks.map { "  \($0.passed ? "✓" : "✗") \($0.name): \($0.detail)" }
        lines.append("  log key from \(logKey)")
        return lines.joined(separator: "\n")
    }
}
