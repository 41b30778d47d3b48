/// A compiled JSON Schema `pattern`: the subset of ECMA-262 regular expressions schemas use,
/// matched by a small backtracking matcher over Unicode scalars.
///
/// Supported: `^` `$` `.`, literal characters and escapes (`\d \w \s \. \\ \n \t \/ \- \+` and
/// other escaped punctuation), classes `[a-z0-9_]` and `[^…]`, groups `( … | … )`, and the
/// quantifiers `* + ? {n} {n,} {n,m}` (greedy). Anything else is refused when the schema is
/// loaded, so a pattern is never matched with different semantics than its authors meant.
/// Written for speed: record validation runs on every append and every read.
struct SchemaPattern: Sendable {
    indirect enum Node: Sendable {
        case scalar(Unicode.Scalar)
        case any
        case set([ClosedRange<UInt32>], negated: Bool)
        case group([[Node]])
        case start
        case end
        case repeated(Node, min: Int, max: Int)
    }

    let nodes: [Node]
    let source: String

    init(_ source: String) throws(SchemaError) {
        self.source = source
        var parser = Parser(scalars: Array(source.unicodeScalars))
        let alternatives = try parser.alternatives(topLevel: true)
        nodes = alternatives.count == 1 ? alternatives[0] : [.group(alternatives)]
    }

    /// Whether the pattern matches anywhere in `text` (JSON Schema patterns are not anchored).
    func matches(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        for start in 0...scalars.count {
            if Self.match(nodes[...], scalars, start, { _ in true }) { return true }
            if case .start = nodes.first { break }
        }
        return false
    }

    private static func match(
        _ nodes: ArraySlice<Node>,
        _ text: [Unicode.Scalar],
        _ position: Int,
        _ rest: (Int) -> Bool
    ) -> Bool {
        guard let node = nodes.first else { return rest(position) }
        let tail = nodes.dropFirst()
        switch node {
        case .start:
            return position == 0 && match(tail, text, position, rest)
        case .end:
            return position == text.count && match(tail, text, position, rest)
        case .group(let alternatives):
            return alternatives.contains { alternative in
                match(alternative[...], text, position) { next in match(tail, text, next, rest) }
            }
        case .repeated(let inner, let minimum, let maximum):
            return repeatMatch(inner, minimum, maximum, 0, text, position) { next in match(tail, text, next, rest) }
        default:
            guard position < text.count, single(node, text[position]) else { return false }
            return match(tail, text, position + 1, rest)
        }
    }

    /// Greedy repetition: try one more first, then stop.
    private static func repeatMatch(
        _ node: Node,
        _ minimum: Int,
        _ maximum: Int,
        _ count: Int,
        _ text: [Unicode.Scalar],
        _ position: Int,
        _ rest: (Int) -> Bool
    ) -> Bool {
        if isSingle(node) {
            // Fast path for a repeated single-character node: no recursion per character.
            var end = position
            while end < text.count, end - position < maximum, single(node, text[end]) { end += 1 }
            var take = end - position
            while take >= minimum {
                if rest(position + take) { return true }
                take -= 1
            }
            return false
        }
        if count < maximum {
            let more = match([node][...], text, position) { next in
                next != position && repeatMatch(node, minimum, maximum, count + 1, text, next, rest)
            }
            if more { return true }
        }
        return count >= minimum && rest(position)
    }

    private static func isSingle(_ node: Node) -> Bool {
        switch node {
        case .scalar, .any, .set: true
        default: false
        }
    }

    private static func single(_ node: Node, _ scalar: Unicode.Scalar) -> Bool {
        switch node {
        case .scalar(let expected): return scalar == expected
        case .any: return scalar != "\n" && scalar != "\r"
        case .set(let ranges, let negated): return ranges.contains { $0.contains(scalar.value) } != negated
        default: return false
        }
    }
}
