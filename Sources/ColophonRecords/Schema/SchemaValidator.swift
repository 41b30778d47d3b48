/// Applies a compiled schema to an instance, collecting violations with their paths.
struct SchemaValidator {
    /// Where in the instance the walk is; turned into a JSON Pointer only for a violation.
    enum Component {
        case member(String)
        case item(Int)
    }

    let nodes: [SchemaNode]
    private var components: [Component] = []
    private var depth = 0

    init(nodes: [SchemaNode]) {
        self.nodes = nodes
    }

    /// The JSON Pointer to where the walk is.
    var path: String {
        components.map { component in
            switch component {
            case .member(let name):
                "/"
                    + name.split(separator: "~", omittingEmptySubsequences: false).joined(separator: "~0")
                    .split(separator: "/", omittingEmptySubsequences: false).joined(separator: "~1")
            case .item(let index): "/\(index)"
            }
        }.joined()
    }

    private mutating func fail(_ message: String, into violations: inout [SchemaViolation]) {
        violations.append(SchemaViolation(path: path, message: message))
    }

    mutating func validate(_ instance: JSONValue, _ index: Int, into violations: inout [SchemaViolation]) {
        let node = nodes[index]
        if let always = node.always {
            if !always { fail("no value is allowed here", into: &violations) }
            return
        }
        depth += 1
        defer { depth -= 1 }
        guard depth < 128 else {
            fail("schema recursion too deep", into: &violations)
            return
        }
        if let reference = node.reference {
            validate(instance, reference, into: &violations)
        }
        if let types = node.types {
            let actual = instance.typeName
            if !(types.contains(actual) || (actual == "integer" && types.contains("number"))) {
                fail("expected \(types.joined(separator: " or ")), found \(actual)", into: &violations)
            }
        }
        if let options = node.enumValues, !options.contains(instance) {
            let listed = options.compactMap(\.stringValue).map { "\"\($0)\"" }.joined(separator: ", ")
            fail("must be one of \(listed)", into: &violations)
        }
        if let constant = node.constValue, constant != instance {
            fail("must be \(constant.stringValue.map { "\"\($0)\"" } ?? "the constant")", into: &violations)
        }
        switch instance {
        case .object(let members): checkObject(members, node, &violations)
        case .array(let elements): checkArray(elements, node, &violations)
        case .string(let text): checkString(text, node, &violations)
        case .number(let number): checkNumber(number, node, &violations)
        default: break
        }
        checkCombinators(instance, node, &violations)
    }

    private mutating func checkObject(
        _ members: [String: JSONValue],
        _ node: SchemaNode,
        _ violations: inout [SchemaViolation]
    ) {
        for name in node.required where members[name] == nil {
            fail("missing required member \"\(name)\"", into: &violations)
        }
        if let minimum = node.minProperties, members.count < minimum {
            fail("needs at least \(minimum) members", into: &violations)
        }
        if let maximum = node.maxProperties, members.count > maximum {
            fail("allows at most \(maximum) members", into: &violations)
        }
        for (name, needed) in node.dependentRequired where members[name] != nil {
            for other in needed where members[other] == nil {
                fail("\"\(name)\" requires \"\(other)\" to be present", into: &violations)
            }
        }
        for (name, member) in members {
            components.append(.member(name))
            defer { components.removeLast() }
            if let propertyNames = node.propertyNames {
                validate(.string(name), propertyNames, into: &violations)
            }
            var matched = false
            if let property = node.properties[name] {
                matched = true
                validate(member, property, into: &violations)
            }
            for (pattern, subschema) in node.patternProperties where pattern.matches(name) {
                matched = true
                validate(member, subschema, into: &violations)
            }
            if !matched {
                switch node.additional {
                case .allowed: break
                case .forbidden: fail("unknown member \"\(name)\"", into: &violations)
                case .schema(let subschema): validate(member, subschema, into: &violations)
                }
            }
        }
    }

    private mutating func checkArray(_ elements: [JSONValue], _ node: SchemaNode, _ violations: inout [SchemaViolation])
    {
        if let minimum = node.minItems, elements.count < minimum {
            fail("needs at least \(minimum) items", into: &violations)
        }
        if let maximum = node.maxItems, elements.count > maximum {
            fail("allows at most \(maximum) items", into: &violations)
        }
        if node.uniqueItems, Set(elements).count != elements.count {
            fail("items must be unique", into: &violations)
        }
        for (index, element) in elements.enumerated() {
            components.append(.item(index))
            defer { components.removeLast() }
            if index < node.prefixItems.count {
                validate(element, node.prefixItems[index], into: &violations)
            } else if let items = node.items {
                validate(element, items, into: &violations)
            }
        }
    }

    private mutating func checkString(_ text: String, _ node: SchemaNode, _ violations: inout [SchemaViolation]) {
        if node.minLength != nil || node.maxLength != nil {
            // JSON Schema counts characters as Unicode code points.
            let length = text.unicodeScalars.count
            if let minimum = node.minLength, length < minimum {
                fail("must be at least \(minimum) characters", into: &violations)
            }
            if let maximum = node.maxLength, length > maximum {
                fail("must be at most \(maximum) characters", into: &violations)
            }
        }
        if let pattern = node.pattern, !pattern.matches(text) {
            fail("does not match \(pattern.source)", into: &violations)
        }
        if let format = node.format, !StringFormat.conforms(text, to: format.rawValue) {
            fail("is not a valid \(format.rawValue)", into: &violations)
        }
    }

    private mutating func checkNumber(_ number: Double, _ node: SchemaNode, _ violations: inout [SchemaViolation]) {
        if let minimum = node.minimum, number < minimum { fail("must be ≥ \(minimum)", into: &violations) }
        if let maximum = node.maximum, number > maximum { fail("must be ≤ \(maximum)", into: &violations) }
        if let minimum = node.exclusiveMinimum, number <= minimum { fail("must be > \(minimum)", into: &violations) }
        if let maximum = node.exclusiveMaximum, number >= maximum { fail("must be < \(maximum)", into: &violations) }
        if let divisor = node.multipleOf, divisor > 0, (number / divisor).rounded() != number / divisor {
            fail("must be a multiple of \(divisor)", into: &violations)
        }
    }

    private mutating func checkCombinators(
        _ instance: JSONValue,
        _ node: SchemaNode,
        _ violations: inout [SchemaViolation]
    ) {
        for subschema in node.allOf {
            validate(instance, subschema, into: &violations)
        }
        if let options = node.anyOf, !options.contains(where: { conforms(instance, $0) }) {
            fail("matches none of the allowed forms", into: &violations)
        }
        if let options = node.oneOf {
            let matching = options.filter { conforms(instance, $0) }.count
            if matching != 1 {
                fail(
                    "must match exactly one allowed form, matches \(matching == 0 ? "none" : "\(matching)")",
                    into: &violations
                )
            }
        }
        if let negated = node.not, conforms(instance, negated) {
            fail("matches a form that is not allowed", into: &violations)
        }
        if let condition = node.ifSchema {
            if conforms(instance, condition) {
                if let then = node.thenSchema { validate(instance, then, into: &violations) }
            } else if let otherwise = node.elseSchema {
                validate(instance, otherwise, into: &violations)
            }
        }
    }

    private mutating func conforms(_ instance: JSONValue, _ index: Int) -> Bool {
        var scratch: [SchemaViolation] = []
        validate(instance, index, into: &scratch)
        return scratch.isEmpty
    }
}
