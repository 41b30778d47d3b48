import ColophonLedger
import ColophonRecords
public import ColophonStorage

/// What `lookup` prints: the query and every record it found.
public struct LookupReport: Codable, Sendable {
    public struct Query: Codable, Sendable {
        public var kind: String
        public var value: String
    }

    public struct Match: Codable, Sendable {
        public var recordId: String
        public var index: UInt64
        public var type: String
        public var via: String
        public var name: String?
        public var distance: Int?
    }

    public var query: Query
    public var matches: [Match]

    public static func match(_ entry: StoredEntry, via: String, name: String? = nil, distance: Int? = nil) -> Match {
        Match(
            recordId: entry.recordID.description,
            index: entry.index,
            type: PredicateType(rawValue: entry.predicateType)?.shortName ?? entry.predicateType,
            via: via,
            name: name,
            distance: distance
        )
    }

    public var text: String {
        guard !matches.isEmpty else { return "No records for \(query.kind) \(query.value)" }
        var lines = ["\(matches.count) record\(matches.count == 1 ? "" : "s") for \(query.kind) \(query.value):"]
        for match in matches {
            let distance = match.distance.map { ", PDQ distance \($0)" } ?? ""
            let name = match.name.map { " \($0)" } ?? ""
            lines.append("  #\(match.index) \(match.type)\(name) \(match.recordId) (\(match.via)\(distance))")
        }
        return lines.joined(separator: "\n")
    }
}
