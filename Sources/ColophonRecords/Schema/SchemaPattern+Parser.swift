extension SchemaPattern {
    /// Parses the supported regular-expression subset into nodes.
    struct Parser {
        let scalars: [Unicode.Scalar]
        var position = 0

        init(scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        func fail(_ reason: String) -> SchemaError {
            SchemaError("pattern \"\(String(String.UnicodeScalarView(scalars)))\": \(reason)")
        }

        mutating func alternatives(topLevel: Bool) throws(SchemaError) -> [[Node]] {
            var all: [[Node]] = [[]]
            while position < scalars.count {
                let scalar = scalars[position]
                if scalar == "|" {
                    position += 1
                    all.append([])
                    continue
                }
                if scalar == ")" {
                    guard !topLevel else { throw fail("unbalanced ')'") }
                    break
                }
                let atom = try self.atom()
                let node = try quantified(atom)
                all[all.count - 1].append(node)
            }
            return all
        }

        mutating func atom() throws(SchemaError) -> Node {
            let scalar = scalars[position]
            position += 1
            switch scalar {
            case "^": return .start
            case "$": return .end
            case ".": return .any
            case "(":
                if position < scalars.count && scalars[position] == "?" {
                    throw fail("group modifiers are not supported")
                }
                let inner = try alternatives(topLevel: false)
                guard position < scalars.count, scalars[position] == ")" else { throw fail("unbalanced '('") }
                position += 1
                return .group(inner)
            case "[": return try set()
            case "\\": return try escape(inClass: false)
            case "*", "+", "?", "{": throw fail("a quantifier needs something to repeat")
            default: return .scalar(scalar)
            }
        }

        mutating func set() throws(SchemaError) -> Node {
            var negated = false
            if position < scalars.count && scalars[position] == "^" {
                negated = true
                position += 1
            }
            var ranges: [ClosedRange<UInt32>] = []
            var first = true
            while position < scalars.count && (scalars[position] != "]" || first) {
                first = false
                let low = try classMember()
                if position + 1 < scalars.count, scalars[position] == "-", scalars[position + 1] != "]" {
                    position += 1
                    let high = try classMember()
                    guard case .scalar(let a) = low, case .scalar(let b) = high, a.value <= b.value else {
                        throw fail("invalid range in a character class")
                    }
                    ranges.append(a.value...b.value)
                } else {
                    switch low {
                    case .scalar(let a): ranges.append(a.value...a.value)
                    case .set(let inner, false): ranges += inner
                    default: throw fail("unsupported class member")
                    }
                }
            }
            guard position < scalars.count else { throw fail("unterminated character class") }
            position += 1
            return .set(ranges, negated: negated)
        }

        mutating func classMember() throws(SchemaError) -> Node {
            let scalar = scalars[position]
            position += 1
            return scalar == "\\" ? try escape(inClass: true) : .scalar(scalar)
        }

        mutating func escape(inClass: Bool) throws(SchemaError) -> Node {
            guard position < scalars.count else { throw fail("a trailing backslash") }
            let scalar = scalars[position]
            position += 1
            switch scalar {
            case "d": return .set([0x30...0x39], negated: false)
            case "w": return .set([0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F...0x5F], negated: false)
            case "s": return .set([0x20...0x20, 0x09...0x0D], negated: false)
            case "n": return .scalar("\n")
            case "t": return .scalar("\t")
            case "r": return .scalar("\r")
            default:
                guard scalar.isASCII, !scalar.properties.isAlphabetic, !("0"..."9").contains(scalar) else {
                    throw fail("the escape \\\(scalar) is not supported")
                }
                return .scalar(scalar)
            }
        }

        mutating func quantified(_ node: Node) throws(SchemaError) -> Node {
            guard position < scalars.count else { return node }
            let bounds: (Int, Int)
            switch scalars[position] {
            case "*": bounds = (0, Int.max)
            case "+": bounds = (1, Int.max)
            case "?": bounds = (0, 1)
            case "{":
                guard let close = scalars[position...].firstIndex(of: "}") else { throw fail("unterminated {") }
                let body = String(String.UnicodeScalarView(scalars[(position + 1)..<close]))
                let parts = body.split(separator: ",", omittingEmptySubsequences: false)
                guard let low = Int(parts[0]), parts.count <= 2 else { throw fail("invalid {…} quantifier") }
                let high = parts.count == 1 ? low : (parts[1].isEmpty ? Int.max : Int(parts[1]) ?? -1)
                guard high >= low else { throw fail("invalid {…} quantifier") }
                bounds = (low, high)
                position = close
            default:
                return node
            }
            position += 1
            if case .start = node { throw fail("cannot repeat an anchor") }
            if case .end = node { throw fail("cannot repeat an anchor") }
            if position < scalars.count && (scalars[position] == "?" || scalars[position] == "+") {
                throw fail("lazy and possessive quantifiers are not supported")
            }
            return .repeated(node, min: bounds.0, max: bounds.1)
        }
    }
}
