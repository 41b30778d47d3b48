extension JSONSchema {
    /// Applies a schema to an instance, collecting violations with their instance paths.
    struct Walker {
        /// Where in the instance the walk is; turned into a JSON Pointer only for a violation,
        /// because building strings for every member would dominate the cost of validating.
        enum Component {
            case member(String)
            case item(Int)
        }

        /// The document that `#` references resolve in; changes when a `$ref` crosses documents.
        var root: JSONValue
        let references: [ReferenceKey: (schema: JSONValue, root: JSONValue)]
        let patterns: PatternCache
        private var depth = 0
        private var components: [Component] = []

        /// The JSON Pointer to where the walk is.
        var path: String {
            components.map { component in
                switch component {
                case .member(let name): "/" + Self.escape(name)
                case .item(let index): "/\(index)"
                }
            }.joined()
        }

        init(root: JSONValue, references: [ReferenceKey: (schema: JSONValue, root: JSONValue)], patterns: PatternCache) {
            self.root = root
            self.references = references
            self.patterns = patterns
        }

        mutating func validate(
            _ instance: JSONValue,
            against schema: JSONValue,
            into violations: inout [SchemaViolation]
        ) {
            if case .bool(let allowed) = schema {
                if !allowed { violations.append(SchemaViolation(path: path, message: "no value is allowed here")) }
                return
            }
            guard let keywords = schema.objectValue else { return }
            depth += 1
            defer { depth -= 1 }
            guard depth < 128 else {
                violations.append(SchemaViolation(path: path, message: "schema recursion too deep"))
                return
            }
            if let reference = keywords["$ref"]?.stringValue,
                let target = references[ReferenceKey(reference: reference, documentID: root["$id"]?.stringValue ?? "")]
            {
                let saved = root
                root = target.root
                validate(instance, against: target.schema, into: &violations)
                root = saved
            }
            checkType(instance, keywords, &violations)
            checkValues(instance, keywords, &violations)
            switch instance {
            case .object(let members): checkObject(members, keywords, &violations)
            case .array(let elements): checkArray(elements, keywords, &violations)
            case .string(let text): checkString(text, keywords, &violations)
            case .number(let number): checkNumber(number, keywords, &violations)
            default: break
            }
            checkCombinators(instance, keywords, &violations)
        }

        private func checkType(
            _ instance: JSONValue,
            _ keywords: [String: JSONValue],
            _ violations: inout [SchemaViolation]
        ) {
            guard let type = keywords["type"] else { return }
            let allowed = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue].compactMap { $0 }
            let actual = instance.typeName
            let matches = allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))
            if !matches {
                violations.append(
                    SchemaViolation(
                        path: path,
                        message: "expected \(allowed.joined(separator: " or ")), found \(actual)"
                    )
                )
            }
        }

        private func checkValues(
            _ instance: JSONValue,
            _ keywords: [String: JSONValue],
            _ violations: inout [SchemaViolation]
        ) {
            if let options = keywords["enum"]?.arrayValue, !options.contains(instance) {
                let listed = options.compactMap(\.stringValue).map { "\"\($0)\"" }.joined(separator: ", ")
                violations.append(SchemaViolation(path: path, message: "must be one of \(listed)"))
            }
            if let constant = keywords["const"], constant != instance {
                let shown = constant.stringValue.map { "\"\($0)\"" } ?? "the constant"
                violations.append(SchemaViolation(path: path, message: "must be \(shown)"))
            }
        }

        private mutating func checkObject(
            _ members: [String: JSONValue],
            _ keywords: [String: JSONValue],
            _ violations: inout [SchemaViolation]
        ) {
            for name in keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
                violations.append(SchemaViolation(path: path, message: "missing required member \"\(name)\""))
            }
            if let minimum = keywords["minProperties"]?.numberValue, Double(members.count) < minimum {
                violations.append(SchemaViolation(path: path, message: "needs at least \(Int(minimum)) members"))
            }
            if let maximum = keywords["maxProperties"]?.numberValue, Double(members.count) > maximum {
                violations.append(SchemaViolation(path: path, message: "allows at most \(Int(maximum)) members"))
            }
            if let dependencies = keywords["dependentRequired"]?.objectValue {
                for (name, needed) in dependencies where members[name] != nil {
                    for other in needed.arrayValue?.compactMap(\.stringValue) ?? [] where members[other] == nil {
                        violations.append(
                            SchemaViolation(path: path, message: "\"\(name)\" requires \"\(other)\" to be present")
                        )
                    }
                }
            }
            let properties = keywords["properties"]?.objectValue ?? [:]
            let patternProperties = keywords["patternProperties"]?.objectValue ?? [:]
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                components.append(.member(name))
                defer { components.removeLast() }
                if let propertyNames = keywords["propertyNames"] {
                    validate(.string(name), against: propertyNames, into: &violations)
                }
                var matched = false
                if let schema = properties[name] {
                    matched = true
                    validate(member, against: schema, into: &violations)
                }
                for (pattern, schema) in patternProperties where patterns.matches(pattern, name) {
                    matched = true
                    validate(member, against: schema, into: &violations)
                }
                if !matched, let additional = keywords["additionalProperties"] {
                    if additional == .bool(false) {
                        violations.append(SchemaViolation(path: path, message: "unknown member \"\(name)\""))
                    } else {
                        validate(member, against: additional, into: &violations)
                    }
                }
            }
        }

        private mutating func checkArray(
            _ elements: [JSONValue],
            _ keywords: [String: JSONValue],
            _ violations: inout [SchemaViolation]
        ) {
            if let minimum = keywords["minItems"]?.numberValue, Double(elements.count) < minimum {
                violations.append(SchemaViolation(path: path, message: "needs at least \(Int(minimum)) items"))
            }
            if let maximum = keywords["maxItems"]?.numberValue, Double(elements.count) > maximum {
                violations.append(SchemaViolation(path: path, message: "allows at most \(Int(maximum)) items"))
            }
            if keywords["uniqueItems"] == .bool(true), Set(elements).count != elements.count {
                violations.append(SchemaViolation(path: path, message: "items must be unique"))
            }
            let prefix = keywords["prefixItems"]?.arrayValue ?? []
            for (index, element) in elements.enumerated() {
                components.append(.item(index))
                defer { components.removeLast() }
                if index < prefix.count {
                    validate(element, against: prefix[index], into: &violations)
                } else if let items = keywords["items"] {
                    validate(element, against: items, into: &violations)
                }
            }
        }

        private func checkString(
            _ text: String,
            _ keywords: [String: JSONValue],
            _ violations: inout [SchemaViolation]
        ) {
            // JSON Schema counts characters as Unicode code points.
            let length = text.unicodeScalars.count
            if let minimum = keywords["minLength"]?.numberValue, Double(length) < minimum {
                violations.append(SchemaViolation(path: path, message: "must be at least \(Int(minimum)) characters"))
            }
            if let maximum = keywords["maxLength"]?.numberValue, Double(length) > maximum {
                violations.append(SchemaViolation(path: path, message: "must be at most \(Int(maximum)) characters"))
            }
            if let pattern = keywords["pattern"]?.stringValue, !patterns.matches(pattern, text) {
                violations.append(SchemaViolation(path: path, message: "does not match \(pattern)"))
            }
            if let format = keywords["format"]?.stringValue, !StringFormat.conforms(text, to: format) {
                violations.append(SchemaViolation(path: path, message: "is not a valid \(format)"))
            }
        }

        private func checkNumber(
            _ number: Double,
            _ keywords: [String: JSONValue],
            _ violations: inout [SchemaViolation]
        ) {
            if let minimum = keywords["minimum"]?.numberValue, number < minimum {
                violations.append(SchemaViolation(path: path, message: "must be ≥ \(minimum)"))
            }
            if let maximum = keywords["maximum"]?.numberValue, number > maximum {
                violations.append(SchemaViolation(path: path, message: "must be ≤ \(maximum)"))
            }
            if let minimum = keywords["exclusiveMinimum"]?.numberValue, number <= minimum {
                violations.append(SchemaViolation(path: path, message: "must be > \(minimum)"))
            }
            if let maximum = keywords["exclusiveMaximum"]?.numberValue, number >= maximum {
                violations.append(SchemaViolation(path: path, message: "must be < \(maximum)"))
            }
            if let divisor = keywords["multipleOf"]?.numberValue, divisor > 0 {
                let quotient = number / divisor
                if quotient.rounded() != quotient {
                    violations.append(SchemaViolation(path: path, message: "must be a multiple of \(divisor)"))
                }
            }
        }

        private mutating func checkCombinators(
            _ instance: JSONValue,
            _ keywords: [String: JSONValue],
            _ violations: inout [SchemaViolation]
        ) {
            for schema in keywords["allOf"]?.arrayValue ?? [] {
                validate(instance, against: schema, into: &violations)
            }
            if let options = keywords["anyOf"]?.arrayValue {
                if !options.contains(where: { conforms(instance, to: $0) }) {
                    violations.append(SchemaViolation(path: path, message: "matches none of the allowed forms"))
                }
            }
            if let options = keywords["oneOf"]?.arrayValue {
                let matching = options.filter { conforms(instance, to: $0) }.count
                if matching != 1 {
                    let detail = matching == 0 ? "none" : "\(matching)"
                    violations.append(
                        SchemaViolation(path: path, message: "must match exactly one allowed form, matches \(detail)")
                    )
                }
            }
            if let negated = keywords["not"], conforms(instance, to: negated) {
                violations.append(SchemaViolation(path: path, message: "matches a form that is not allowed"))
            }
            if let condition = keywords["if"] {
                if conforms(instance, to: condition) {
                    if let then = keywords["then"] { validate(instance, against: then, into: &violations) }
                } else if let otherwise = keywords["else"] {
                    validate(instance, against: otherwise, into: &violations)
                }
            }
        }

        private mutating func conforms(_ instance: JSONValue, to schema: JSONValue) -> Bool {
            var scratch: [SchemaViolation] = []
            validate(instance, against: schema, into: &scratch)
            return scratch.isEmpty
        }

        static func escape(_ name: String) -> String {
            name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
