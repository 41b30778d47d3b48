/// A ComfyUI API graph (the `prompt` chunk): node id → class and inputs, where an input is a
/// literal or a link `["<node id>", <output slot>]`. Walked from the sampler back to the
/// loaders to find what actually ran.
public struct ComfyGraph: Sendable {
    /// One node.
    public struct Node: Sendable {
        public var id: String
        public var classType: String
        public var inputs: [LooseJSON.Member]

        public func input(_ key: String) -> LooseJSON? {
            inputs.first { $0.key == key }?.value
        }
    }

    public let nodes: [Node]
    private let index: [String: Int]

    /// Graphs with more nodes are refused; real ones have a few hundred.
    public static let maxNodes = 10_000
    /// Deepest chain a walk follows before giving up.
    static let maxWalk = 1_000

    public init(json: LooseJSON) throws(MediaError) {
        guard let members = json.members else { throw MediaError(.malformed, "ComfyUI prompt: not a JSON object") }
        guard members.count <= Self.maxNodes else {
            throw MediaError(.tooLarge, "ComfyUI prompt: \(members.count) nodes, more than \(Self.maxNodes)")
        }
        var nodes: [Node] = []
        var index: [String: Int] = [:]
        for member in members {
            guard let classType = member.value["class_type"]?.string else { continue }
            index[member.key] = nodes.count
            nodes.append(Node(id: member.key, classType: classType, inputs: member.value["inputs"]?.members ?? []))
        }
        guard !nodes.isEmpty else { throw MediaError(.malformed, "ComfyUI prompt: no nodes with a class_type") }
        self.nodes = nodes
        self.index = index
    }

    public func node(_ id: String) -> Node? {
        index[id].map { nodes[$0] }
    }

    /// The node id a link input points at.
    static func link(_ value: LooseJSON?) -> String? {
        guard let items = value?.array, items.count == 2, items[1].integerLiteral != nil else { return nil }
        return items[0].string ?? items[0].integerLiteral
    }
}
