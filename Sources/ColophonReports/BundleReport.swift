public import ColophonLedger

/// What `bundle verify` prints: each check and the verdict.
public struct BundleReport: Codable, Sendable {
    public struct Check: Codable, Sendable {
        public var name: String
        public var passed: Bool
        public var detail: String
    }

    public var path: String
    public var verified: Bool
    public var records: Int
    public var checkpointSize: UInt64?
    public var logKey: String
    public var checks: [Check]

    public init(path: String, _ result: BundleVerification) {
        self.path = path
        verified = result.verified
        records = result.records
        checkpointSize = result.checkpointSize
        logKey = result.logKeySource
        checks = result.checks.map { Check(name: $0.name, passed: $0.passed, detail: $0.detail) }
    }

    public var text: String {
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
