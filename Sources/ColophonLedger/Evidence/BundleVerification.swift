/// What `bundle verify` found: each check with its outcome, in the order they ran.
public struct BundleVerification: Sendable {
    /// One check.
    public struct Check: Sendable {
        public var name: String
        public var passed: Bool
        /// What was checked, or what was wrong.
        public var detail: String
    }

    public var checks: [Check]
    public var records: Int
    public var checkpointSize: UInt64?
    /// Where the log key came from: the policy given, or the bundle itself.
    public var logKeySource: String

    /// Every check passed.
    public var verified: Bool { !checks.isEmpty && checks.allSatisfy(\.passed) }

    mutating func check(_ name: String, _ passed: Bool, _ detail: String) {
        checks.append(Check(name: name, passed: passed, detail: detail))
    }
}
