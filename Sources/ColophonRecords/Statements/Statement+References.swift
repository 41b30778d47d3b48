extension Statement {
    /// Every record this statement's predicate points to.
    ///
    /// By convention in Colophon's schemas, a member named `record`, or ending in `Record` or
    /// `Records`, holds record ids; indexing by reference relies on it.
    public var referencedRecords: [RecordID] {
        var found: [RecordID] = []
        Self.collectReferences(in: predicate, under: nil, into: &found)
        var seen: Set<RecordID> = []
        return found.filter { seen.insert($0).inserted }
    }

    private static func collectReferences(in value: JSONValue, under key: String?, into found: inout [RecordID]) {
        let isReferenceKey = key.map { $0 == "record" || $0.hasSuffix("Record") || $0.hasSuffix("Records") } ?? false
        switch value {
        case .string(let text) where isReferenceKey:
            if let id = RecordID(text) { found.append(id) }
        case .array(let elements):
            for element in elements { collectReferences(in: element, under: isReferenceKey ? key : nil, into: &found) }
        case .object(let members):
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                collectReferences(in: member, under: name, into: &found)
            }
        default:
            break
        }
    }
}
