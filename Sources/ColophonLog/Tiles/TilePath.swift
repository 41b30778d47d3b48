/// The tlog-tiles path encoding: `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`, where
/// N is written in three-digit groups, all but the last prefixed with `x`.
public enum TilePath {
    /// The number of hashes (or entries) in a full tile.
    public static let width = 256

    /// A tile or an entry bundle, as a path names it.
    public struct Parsed: Hashable, Sendable {
        /// The tile level, or `nil` for an entry bundle.
        public var level: Int?
        public var index: UInt64
        /// 256 for a full tile, else the partial width.
        public var width: Int

        public init(level: Int?, index: UInt64, width: Int) {
            self.level = level
            self.index = index
            self.width = width
        }
    }

    /// The path of the hash tile at `level`, `index`, holding `width` hashes.
    public static func tile(level: Int, index: UInt64, width: Int = TilePath.width) -> String {
        "tile/\(level)/" + encode(index) + suffix(width)
    }

    /// The path of the entry bundle `index`, holding `width` entries.
    public static func entries(index: UInt64, width: Int = TilePath.width) -> String {
        "tile/entries/" + encode(index) + suffix(width)
    }

    static func suffix(_ width: Int) -> String {
        width == TilePath.width ? "" : ".p/\(width)"
    }

    static func encode(_ index: UInt64) -> String {
        var groups: [String] = []
        var rest = index
        repeat {
            let group = String(rest % 1000)
            groups.append(String(repeating: "0", count: 3 - group.count) + group)
            rest /= 1000
        } while rest > 0
        return groups.reversed().enumerated().map { $0.offset == groups.count - 1 ? $0.element : "x" + $0.element }
            .joined(separator: "/")
    }

    /// Parses a tile or entry-bundle path, rejecting anything the encoding could not produce
    /// (so `..`, extra zeros or absolute paths never reach the file system).
    public static func parse(_ path: String) throws(LogError) -> Parsed {
        var components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard components.count >= 3, components[0] == "tile" else {
            throw LogError(.malformedTile, "\(path) is not a tile path")
        }
        var level: Int?
        if components[1] == "entries" {
            level = nil
        } else if let parsedLevel = Int(components[1]), String(parsedLevel) == components[1],
            (0...63).contains(parsedLevel)
        {
            level = parsedLevel
        } else {
            throw LogError(.malformedTile, "\(path) has an invalid level")
        }
        components.removeFirst(2)
        var width = TilePath.width
        if components.count >= 2, components[components.count - 2].hasSuffix(".p") {
            let widthText = components.removeLast()
            guard let parsed = Int(widthText), String(parsed) == widthText, (1..<TilePath.width).contains(parsed) else {
                throw LogError(.malformedTile, "\(path) has an invalid partial width")
            }
            width = parsed
            components[components.count - 1].removeLast(2)
        }
        var index: UInt64 = 0
        for (position, component) in components.enumerated() {
            let isLast = position == components.count - 1
            let digits = isLast ? Substring(component) : component.dropFirst()
            guard isLast || component.hasPrefix("x"), digits.count == 3, digits.allSatisfy(\.isASCII),
                let value = UInt64(digits)
            else {
                throw LogError(.malformedTile, "\(path) has an invalid index")
            }
            let (shifted, overflow) = index.multipliedReportingOverflow(by: 1000)
            let (sum, carry) = shifted.addingReportingOverflow(value)
            guard !overflow, !carry else { throw LogError(.malformedTile, "\(path) has an index beyond 64 bits") }
            index = sum
        }
        guard encode(index) == components.joined(separator: "/") else {
            throw LogError(.malformedTile, "\(path) is not in canonical form")
        }
        return Parsed(level: level, index: index, width: width)
    }
}
