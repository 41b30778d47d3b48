extension Statement {
    /// Every blob this statement's predicate cites, as `sha256:<hex>`.
    ///
    /// By convention in Colophon's schemas, a member named `blob` or ending in `Blob` holds a
    /// blob reference; an evidence export carries every one of them.
    public var referencedBlobs: [String] {
        var found: [String] = []
        Self.collectBlobs(in: predicate, under: nil, into: &found)
        var seen: Set<String> = []
        return found.filter { seen.insert($0).inserted }
    }

    private static func collectBlobs(in value: JSONValue, under key: String?, into found: inout [String]) {
        let isBlobKey = key.map { $0 == "blob" || $0.hasSuffix("Blob") } ?? false
        switch value {
        case .string(let text) where isBlobKey:
            if text.hasPrefix("sha256:"), RecordID(text) != nil { found.append(text) }
        case .array(let elements):
            for element in elements { collectBlobs(in: element, under: isBlobKey ? key : nil, into: &found) }
        case .object(let members):
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                collectBlobs(in: member, under: name, into: &found)
            }
        default:
            break
        }
    }
}
