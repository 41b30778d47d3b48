/// A hash as a generator wrote it, with the algorithms it may be a prefix of.
public struct HashClaim: Hashable, Sendable {
    /// Lower-case hex as written, possibly shortened.
    public var value: String
    /// Candidates, most likely first.
    public var algorithms: [ModelHashAlgorithm]

    public init(value: String, algorithms: [ModelHashAlgorithm]) {
        self.value = value
        self.algorithms = algorithms
    }

    /// A claim from text, or nil when the text is not hex (the `blake3:`/`sha256:` prefixes
    /// InvokeAI writes pick the algorithm).
    public init?(_ text: String, algorithms: [ModelHashAlgorithm]) {
        var hex = Substring(text.trimmingWhitespace.lowercased())
        var algorithms = algorithms
        if let colon = hex.firstIndex(of: ":") {
            let scheme = hex[..<colon]
            hex = hex[hex.index(after: colon)...]
            switch scheme {
            case "blake3", "blake3_single", "blake3_multi": algorithms = [.blake3]
            case "sha256": algorithms = [.sha256]
            default: return nil
            }
        }
        let isHex = hex.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        guard hex.utf8.count >= 4, hex.utf8.count <= 64, isHex else { return nil }
        self.value = String(hex)
        self.algorithms = algorithms
    }
}
