/// A tool used for a contribution, and whether it is generative — the line copyright draws.
public struct ToolUse: Codable, Hashable, Sendable {
    public var name: String
    public var version: String?
    public var generative: Bool

    public init(name: String, version: String? = nil, generative: Bool) {
        self.name = name
        self.version = version
        self.generative = generative
    }
}
