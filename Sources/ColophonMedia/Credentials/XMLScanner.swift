/// A small, bounded XML scanner for XMP packets: elements, attributes, text, entities and
/// CDATA, with namespace prefixes resolved. It keeps the byte range of every element and
/// attribute so a packet can be edited in place without re-serialising what it does not
/// understand. DTDs and processing instructions are skipped; anything malformed is an error.
struct XMLScanner {
    /// A resolved name: namespace URI and local part.
    struct Name: Hashable {
        var namespace: String
        var local: String
    }

    struct Attribute {
        var name: Name
        var value: String
        /// The attribute's bytes in the packet, from the name to the closing quote.
        var range: Range<Int>
    }

    /// An element with its simple text content (nil when it has child elements).
    struct Element {
        var name: Name
        var attributes: [Attribute]
        var text: String?
        var children: [Element]
        /// From `<` of the start tag to `>` of the end tag.
        var range: Range<Int>
    }

    static let maxDepth = 64
    static let maxBytes = 4 << 20

    private let bytes: [UInt8]
    private var position = 0

    /// Parses a packet into its root elements (XMP has one, `x:xmpmeta` or `rdf:RDF`).
    static func parse(_ text: String) throws(MediaError) -> [Element] {
        let bytes = Array(text.utf8)
        guard bytes.count <= maxBytes else { throw MediaError(.tooLarge, "the XMP packet is over \(maxBytes) bytes") }
        var scanner = XMLScanner(bytes: bytes)
        var roots: [Element] = []
        while true {
            scanner.skipMisc()
            guard scanner.position < bytes.count else { break }
            guard bytes[scanner.position] == UInt8(ascii: "<") else {
                if scanner.skipWhitespace() { continue }
                throw MediaError(.malformed, "XMP: text outside the root element at byte \(scanner.position)")
            }
            roots.append(try scanner.element(depth: 0, scopes: [["xml": "http://www.w3.org/XML/1998/namespace"]]))
        }
        return roots
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private func peek(_ literal: String) -> Bool {
        let pattern = Array(literal.utf8)
        return position + pattern.count <= bytes.count && Array(bytes[position..<(position + pattern.count)]) == pattern
    }

    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let start = position
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        return position > start
    }

    /// Skips whitespace, `<?...?>`, `<!--...-->` and `<!DOCTYPE ...>`, plus a UTF-8 BOM.
    private mutating func skipMisc() {
        if peek("\u{FEFF}") { position += 3 }
        while true {
            skipWhitespace()
            if peek("<?") {
                skip(past: "?>")
            } else if peek("<!--") {
                skip(past: "-->")
            } else if peek("<!") && !peek("<![CDATA[") {
                skip(past: ">")
            } else {
                return
            }
        }
    }

    private mutating func skip(past terminator: String) {
        while position < bytes.count, !peek(terminator) { position += 1 }
        position = min(bytes.count, position + terminator.utf8.count)
    }

    private mutating func rawName() throws(MediaError) -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "=")].contains(byte) {
                break
            }
            position += 1
        }
        guard position > start else { throw MediaError(.malformed, "XMP: expected a name at byte \(start)") }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private static func resolve(_ raw: String, scopes: [[String: String]], isAttribute: Bool) throws(MediaError) -> Name
    {
        let parts = raw.split(separator: ":", maxSplits: 1).map(String.init)
        let prefix = parts.count == 2 ? parts[0] : ""
        let local = parts.count == 2 ? parts[1] : raw
        if prefix.isEmpty && isAttribute { return Name(namespace: "", local: local) }
        for scope in scopes.reversed() {
            if let uri = scope[prefix] { return Name(namespace: uri, local: local) }
        }
        if prefix.isEmpty { return Name(namespace: "", local: local) }
        throw MediaError(.malformed, "XMP: the prefix \"\(prefix)\" is not declared")
    }

    private mutating func element(depth: Int, scopes outer: [[String: String]]) throws(MediaError) -> Element {
        guard depth < Self.maxDepth else {
            throw MediaError(.tooLarge, "XMP: elements nest deeper than \(Self.maxDepth)")
        }
        let start = position
        position += 1
        let rawElementName = try rawName()
        var rawAttributes: [(name: String, value: String, range: Range<Int>)] = []
        var scope: [String: String] = [:]
        var selfClosing = false
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw MediaError(.truncated, "XMP: the packet ends inside a tag") }
            if peek("/>") {
                position += 2
                selfClosing = true
                break
            }
            if bytes[position] == UInt8(ascii: ">") {
                position += 1
                break
            }
            let attributeStart = position
            let name = try rawName()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
                throw MediaError(.malformed, "XMP: attribute \(name) has no value")
            }
            position += 1
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'")
            else {
                throw MediaError(.malformed, "XMP: attribute \(name) is not quoted")
            }
            let quote = bytes[position]
            position += 1
            let valueStart = position
            while position < bytes.count, bytes[position] != quote { position += 1 }
            guard position < bytes.count else {
                throw MediaError(.truncated, "XMP: the packet ends inside an attribute")
            }
            let value = try Self.unescape(bytes[valueStart..<position])
            position += 1
            if name == "xmlns" {
                scope[""] = value
            } else if name.hasPrefix("xmlns:") {
                scope[String(name.dropFirst(6))] = value
            } else {
                rawAttributes.append((name, value, attributeStart..<position))
            }
        }
        let scopes = outer + [scope]
        let name = try Self.resolve(rawElementName, scopes: scopes, isAttribute: false)
        var attributes: [Attribute] = []
        for attribute in rawAttributes {
            attributes.append(
                Attribute(
                    name: try Self.resolve(attribute.name, scopes: scopes, isAttribute: true),
                    value: attribute.value,
                    range: attribute.range
                )
            )
        }
        if selfClosing {
            return Element(name: name, attributes: attributes, text: nil, children: [], range: start..<position)
        }
        var children: [Element] = []
        var text: [UInt8] = []
        while true {
            guard position < bytes.count else {
                throw MediaError(.truncated, "XMP: the packet ends inside <\(rawElementName)>")
            }
            if peek("</") {
                position += 2
                let closing = try rawName()
                guard closing == rawElementName else {
                    throw MediaError(.malformed, "XMP: </\(closing)> closes <\(rawElementName)>")
                }
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else {
                    throw MediaError(.malformed, "XMP: an end tag is not closed")
                }
                position += 1
                break
            } else if peek("<![CDATA[") {
                position += 9
                let cdataStart = position
                skip(past: "]]>")
                text.append(contentsOf: bytes[cdataStart..<max(cdataStart, position - 3)])
            } else if peek("<!--") || peek("<?") {
                skipMisc()
            } else if bytes[position] == UInt8(ascii: "<") {
                children.append(try element(depth: depth + 1, scopes: scopes))
            } else {
                let textStart = position
                while position < bytes.count, bytes[position] != UInt8(ascii: "<") { position += 1 }
                text.append(contentsOf: Array(try Self.unescape(bytes[textStart..<position]).utf8))
            }
        }
        let content = String(decoding: text, as: UTF8.self)
        return Element(
            name: name,
            attributes: attributes,
            text: children.isEmpty ? content : nil,
            children: children,
            range: start..<position
        )
    }

    /// Replaces the five predefined entities and numeric character references.
    static func unescape(_ raw: ArraySlice<UInt8>) throws(MediaError) -> String {
        guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
        let text = String(decoding: raw, as: UTF8.self)
        var out = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            out += rest[..<ampersand]
            guard let semicolon = rest[ampersand...].firstIndex(of: ";") else {
                throw MediaError(.malformed, "XMP: an entity has no closing ';'")
            }
            let entity = rest[rest.index(after: ampersand)..<semicolon]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let scalarValue: UInt32? =
                    entity.hasPrefix("#x")
                    ? UInt32(entity.dropFirst(2), radix: 16)
                    : entity.hasPrefix("#") ? UInt32(entity.dropFirst(1)) : nil
                guard let scalarValue, let scalar = Unicode.Scalar(scalarValue) else {
                    throw MediaError(.malformed, "XMP: unknown entity &\(entity);")
                }
                out.unicodeScalars.append(scalar)
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }

    /// Escapes text for element content or a double-quoted attribute. XML 1.0 cannot carry
    /// control characters at all, so they become U+FFFD.
    static func escape(_ text: String) -> String {
        MarkupText.escape(text)
    }
}
