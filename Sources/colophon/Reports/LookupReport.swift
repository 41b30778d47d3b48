import ColophonLedger
import ColophonRecords
import ColophonStorage

/// What `lookup` prints: the query and every record it found.
struct LookupReport: Codable {
    struct Query: Codable {
        var kind: String
        var value: String
    }

    struct Match: Codable {
        var recordId: String
        var index: UInt64
        var type: String
        var via: String
        var name: String?
        var distance: Int?
    }

    var query: Query
    var matches: [Match]

    static func match(_ entry: StoredEntry, via: String, name: String? = nil, distance: Int? = nil) -> Match {
        Match(
            recordId: entry.recordID.description,
            index: entry.index,
            type: PredicateType(rawValue: entry.predicateType)?.shortName ?? entry.predicateType,
            via: via,
            name: name,
            distance: distance
        )
    }

    var text: String {
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
