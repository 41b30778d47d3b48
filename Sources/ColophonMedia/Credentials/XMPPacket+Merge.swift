extension XMPPacket {
    /// Inserts a description into an existing packet: properties Colophon writes are first
    /// removed wherever they occur (element or attribute form), then the new description goes
    /// just before `</rdf:RDF>`.
    static func merge(_ description: String, into existing: String) throws(MediaError) -> String {
        let roots = try XMLScanner.parse(existing)
        guard let rdf = roots.lazy.compactMap({ findRDF($0) }).first else {
            throw MediaError(.malformed, "the image's XMP packet has no rdf:RDF element")
        }
        var removals: [Range<Int>] = []
        for description in rdf.children where description.name == .init(namespace: Self.rdf, local: "Description") {
            for attribute in description.attributes where owns(attribute.name) {
                removals.append(attribute.range)
            }
            for child in description.children where owns(child.name) {
                removals.append(child.range)
            }
            if description.text != nil, owns(description.name) { removals.append(description.range) }
        }
        var bytes = Array(existing.utf8)
        // The end tag's "<" is where the new description goes.
        guard let closeStart = lastIndex(of: Array("</".utf8), in: bytes, before: rdf.range.upperBound) else {
            throw MediaError(.malformed, "the image's XMP packet has a self-closing rdf:RDF")
        }
        let insertion = Array("\n".utf8) + Array(description.utf8) + Array("\n".utf8)
        var offset = closeStart
        for range in removals.sorted(by: { $0.lowerBound > $1.lowerBound }) {
            bytes.removeSubrange(range)
            if range.lowerBound < offset { offset -= range.count }
        }
        bytes.insert(contentsOf: insertion, at: offset)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func owns(_ name: XMLScanner.Name) -> Bool {
        name.namespace == colophon || name.namespace == tc260
            || (name.namespace == iptcExt && name.local == "DigitalSourceType")
    }

    private static func findRDF(_ element: XMLScanner.Element) -> XMLScanner.Element? {
        if element.name == .init(namespace: rdf, local: "RDF") { return element }
        for child in element.children {
            if let found = findRDF(child) { return found }
        }
        return nil
    }

    private static func lastIndex(of pattern: [UInt8], in bytes: [UInt8], before end: Int) -> Int? {
        var index = end - pattern.count
        while index >= 0 {
            if Array(bytes[index..<(index + pattern.count)]) == pattern { return index }
            index -= 1
        }
        return nil
    }
}
