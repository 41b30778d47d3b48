/// Retracts, supersedes or disputes an earlier record; the target is never deleted.
public struct CorrectionPredicate: Predicate, Hashable {
    public static let predicateType = PredicateType.correction

    /// What the correction does to its target.
    public enum Action: String, Codable, Hashable, Sendable, CaseIterable {
        case retract
        case supersede
        case dispute
    }

    public var createdAt: Timestamp
    public var action: Action
    public var targetRecord: String
    public var replacementRecord: String?
    public var reason: String
    /// open, creator_notified, banner, resolved, escalated.
    public var status: String?
    public var evidence: [EvidenceRef]?

    public init(createdAt: Timestamp = .now, action: Action, targetRecord: String, reason: String) {
        self.createdAt = createdAt
        self.action = action
        self.targetRecord = targetRecord
        self.reason = reason
    }
}
