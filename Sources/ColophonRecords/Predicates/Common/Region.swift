/// Where on a page a contribution lies: a box, a polygon, or a mask image by digest.
public enum Region: Codable, Hashable, Sendable {
    case box(Box)
    case polygon([[Double]])
    case mask(sha256: String)

    private enum CodingKeys: String, CodingKey {
        case box
        case polygon
        case maskSha256
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let box = try container.decodeIfPresent(Box.self, forKey: .box) {
            self = .box(box)
        } else if let points = try container.decodeIfPresent([[Double]].self, forKey: .polygon) {
            self = .polygon(points)
        } else {
            self = .mask(sha256: try container.decode(String.self, forKey: .maskSha256))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .box(let box): try container.encode(box, forKey: .box)
        case .polygon(let points): try container.encode(points, forKey: .polygon)
        case .mask(let digest): try container.encode(digest, forKey: .maskSha256)
        }
    }
}
