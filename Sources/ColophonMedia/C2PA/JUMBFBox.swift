/// One ISO/IEC 19566-5 (JUMBF) box, as C2PA manifest stores are built from: a superbox
/// (`jumb`) with its description (`jumd`) and children, or a content box (`cbor`, `json`,
/// `bfdb`, `bidb`, `uuid`, `c2sh`…) carrying bytes.
public indirect enum JUMBFBox: Hashable, Sendable {
    case superbox(JUMBFDescription, [JUMBFBox])
    case content(type: String, payload: [UInt8])

    /// The box type: `jumb` for a superbox.
    public var type: String {
        switch self {
        case .superbox: "jumb"
        case .content(let type, _): type
        }
    }

    /// A superbox's label.
    public var label: String? {
        if case .superbox(let description, _) = self { return description.label }
        return nil
    }

    /// A superbox's children.
    public var children: [JUMBFBox] {
        if case .superbox(_, let children) = self { return children }
        return []
    }

    /// The superbox under `path` (labels separated by `/`, as C2PA JUMBF URIs write them).
    public func find(_ path: String) -> JUMBFBox? {
        var current = self
        for label in path.split(separator: "/") {
            guard let next = current.children.first(where: { $0.label == String(label) }) else { return nil }
            current = next
        }
        return current
    }

    /// The payload of the first content box of `type` among the children.
    public func content(_ type: String) -> [UInt8]? {
        for child in children {
            if case .content(let childType, let payload) = child, childType == type { return payload }
        }
        return nil
    }
}
