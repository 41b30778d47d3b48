/// A C2SP tlog-policy: which logs are trusted, which witnesses exist, and how many witness
/// cosignatures (the quorum) a checkpoint needs before it is believed.
///
/// ```
/// log <vkey> [url]
/// witness <name> <vkey> [url]
/// group <name> <k|any|all> <member>...
/// quorum <name|none>
/// ```
public struct TlogPolicy: Sendable {
    /// A trusted log.
    public struct Log: Sendable, Hashable {
        public var verifier: NoteVerifier
        public var url: String?
    }

    /// A named witness.
    public struct Witness: Sendable, Hashable {
        public var name: String
        public var verifier: NoteVerifier
        public var url: String?
    }

    /// A named group: satisfied when `threshold` of its members are.
    public struct Group: Sendable, Hashable {
        public var name: String
        public var threshold: Int
        public var members: [String]
    }

    public private(set) var logs: [Log] = []
    public private(set) var witnesses: [String: Witness] = [:]
    public private(set) var groups: [String: Group] = [:]
    /// The group or witness whose satisfaction is required; `none` needs no witnesses.
    public private(set) var quorum: String = "none"
    /// Groups in the order they were defined: every member comes before its group, so one pass
    /// in this order decides them all.
    private var groupOrder: [String] = []

    /// The most witnesses plus groups a policy may define: real policies name a handful, and
    /// the bound keeps a hostile file's cost small.
    public static let maxDefinitions = 4096
    /// The deepest nesting of groups allowed (a witness is depth 0).
    public static let maxGroupDepth = 32

    /// A policy that trusts one log and needs no witnesses.
    public init(log verifier: NoteVerifier) {
        logs = [Log(verifier: verifier, url: nil)]
    }

    /// Parses a policy file. Names must be defined before they are used, which also rules out
    /// cycles among groups.
    public init(parsing text: String) throws(LogError) {
        var sawQuorum = false
        var depths: [String: Int] = [:]
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let keyword = fields.first else { continue }
            func fail(_ reason: String) -> LogError {
                LogError(.malformedPolicy, "line \(number + 1): \(reason)")
            }
            switch keyword {
            case "log":
                guard (2...3).contains(fields.count) else { throw fail("expected 'log <vkey> [url]'") }
                logs.append(Log(verifier: try NoteVerifier(vkey: fields[1]), url: fields.count == 3 ? fields[2] : nil))
            case "witness":
                guard (3...4).contains(fields.count) else { throw fail("expected 'witness <name> <vkey> [url]'") }
                guard !isDefined(fields[1]) else { throw fail("\(fields[1]) is already defined") }
                guard witnesses.count + groups.count < Self.maxDefinitions else {
                    throw fail("more than \(Self.maxDefinitions) witnesses and groups")
                }
                witnesses[fields[1]] = Witness(
                    name: fields[1],
                    verifier: try NoteVerifier(vkey: fields[2]),
                    url: fields.count == 4 ? fields[3] : nil
                )
            case "group":
                guard fields.count >= 4 else { throw fail("expected 'group <name> <k|any|all> <member>...'") }
                guard !isDefined(fields[1]) else { throw fail("\(fields[1]) is already defined") }
                let members = Array(fields[3...])
                guard Set(members).count == members.count else { throw fail("a group lists a member twice") }
                for member in members where !isDefined(member) || member == "none" {
                    throw fail("\(member) is not a witness or group defined above")
                }
                let threshold: Int
                switch fields[2] {
                case "any": threshold = 1
                case "all": threshold = members.count
                default:
                    guard let k = Int(fields[2]), k >= 1, k <= members.count else {
                        throw fail("the threshold must be any, all, or 1...\(members.count)")
                    }
                    threshold = k
                }
                guard witnesses.count + groups.count < Self.maxDefinitions else {
                    throw fail("more than \(Self.maxDefinitions) witnesses and groups")
                }
                let depth = 1 + (members.map { depths[$0] ?? 0 }.max() ?? 0)
                guard depth <= Self.maxGroupDepth else {
                    throw fail("groups nest deeper than \(Self.maxGroupDepth) levels")
                }
                depths[fields[1]] = depth
                groups[fields[1]] = Group(name: fields[1], threshold: threshold, members: members)
                groupOrder.append(fields[1])
            case "quorum":
                guard fields.count == 2 else { throw fail("expected 'quorum <name|none>'") }
                guard !sawQuorum else { throw fail("only one quorum line is allowed") }
                guard fields[1] == "none" || isDefined(fields[1]) else { throw fail("\(fields[1]) is not defined") }
                quorum = fields[1]
                sawQuorum = true
            default:
                throw fail("unknown keyword \(keyword)")
            }
        }
        guard !logs.isEmpty else { throw LogError(.malformedPolicy, "the policy names no log") }
        guard sawQuorum else { throw LogError(.malformedPolicy, "the policy has no quorum line") }
    }

    private func isDefined(_ name: String) -> Bool {
        name == "none" || witnesses[name] != nil || groups[name] != nil
    }

    /// Opens a checkpoint note under this policy: signed by a trusted log for its own origin,
    /// and cosigned by enough witnesses.
    public func verify(checkpointNote: String) throws(LogError) -> Checkpoint {
        let note = try SignedNote(parsing: checkpointNote)
        let checkpoint = try Checkpoint(text: note.text)
        let logVerifiers = logs.map(\.verifier).filter { $0.name == checkpoint.origin }
        guard !logVerifiers.isEmpty else {
            throw LogError(.invalidSignature, "the policy trusts no log with origin \(checkpoint.origin)")
        }
        try note.verify(logVerifiers)
        guard quorum != "none" else { return checkpoint }
        let cosigned = Set(try note.verifiedSignatures(witnesses.values.map(\.verifier)).map(\.verifier.vkey))
        guard isSatisfied(quorum, cosigned: cosigned) else {
            let names = witnesses.values.filter { cosigned.contains($0.verifier.vkey) }.map(\.name).sorted()
            throw LogError(
                .invalidSignature,
                "the checkpoint lacks the witness quorum \(quorum) (cosigned by: \(names.isEmpty ? "none" : names.joined(separator: ", ")))"
            )
        }
        return checkpoint
    }

    /// Decides every group once, in definition order, so the cost is linear in the policy's size
    /// however its groups share members.
    private func isSatisfied(_ name: String, cosigned: Set<String>) -> Bool {
        if let witness = witnesses[name] { return cosigned.contains(witness.verifier.vkey) }
        guard groups[name] != nil else { return name == "none" }
        var satisfied: Set<String> = []
        for (witnessName, witness) in witnesses where cosigned.contains(witness.verifier.vkey) {
            satisfied.insert(witnessName)
        }
        for groupName in groupOrder {
            guard let group = groups[groupName] else { continue }
            if group.members.lazy.filter({ satisfied.contains($0) }).count >= group.threshold {
                satisfied.insert(groupName)
            }
            if groupName == name { break }
        }
        return satisfied.contains(name)
    }
}
