/// Text given in the clear, or withheld as a salted commitment that can be opened later.
public enum MaybeCommitted: Codable, Hashable, Sendable {
    case clear(String)
    /// `sha256:<hex>` over the salt and the text.
    case committed(String)

    private enum CodingKeys: String, CodingKey {
        case commitment
    }

    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self = .clear(text)
        } else {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self = .committed(try container.decode(String.self, forKey: .commitment))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .clear(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .committed(let commitment):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(commitment, forKey: .commitment)
        }
    }

    /// The clear text, if not withheld.
    public var clearText: String? {
        if case .clear(let text) = self { return text }
        return nil
    }
}
