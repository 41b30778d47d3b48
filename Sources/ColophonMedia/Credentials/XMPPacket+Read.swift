extension XMPPacket {
    /// Every simple property of every `rdf:Description`: element text and attribute values,
    /// keyed by namespace and local name.
    static func properties(of packet: String) throws(MediaError) -> [XMLScanner.Name: String] {
        var found: [XMLScanner.Name: String] = [:]
        func visit(_ element: XMLScanner.Element) {
            if element.name == .init(namespace: rdf, local: "Description") {
                for attribute in element.attributes
                where attribute.name.namespace != rdf && !attribute.name.namespace.isEmpty {
                    found[attribute.name] = attribute.value
                }
                for child in element.children {
                    if let text = child.text { found[child.name] = text.trimmingWhitespace }
                }
            }
            for child in element.children { visit(child) }
        }
        for root in try XMLScanner.parse(packet) { visit(root) }
        return found
    }

    /// The credential in a packet, or nil when the packet has no digital source type and no
    /// Colophon record id. The source type alone (written by other tools) is still reported.
    public static func credential(in packet: String) throws(MediaError) -> ContentCredential? {
        let properties = try properties(of: packet)
        func value(_ namespace: String, _ local: String) -> String? {
            properties[.init(namespace: namespace, local: local)]
        }
        let sourceType = value(iptcExt, "DigitalSourceType")
        let recordID = value(colophon, "RecordID")
        guard sourceType != nil || recordID != nil else { return nil }
        var credential = ContentCredential(
            digitalSourceType: sourceType.map(normalisedSourceType) ?? "",
            recordID: recordID,
            logOrigin: value(colophon, "LogOrigin"),
            logIndex: value(colophon, "LogIndex").flatMap { UInt64($0) },
            contentID: value(colophon, "ContentID")
        )
        credential.provider = value(colophon, "Provider")
        credential.system = value(colophon, "System")
        credential.systemVersion = value(colophon, "SystemVersion")
        credential.createdAt = value(colophon, "CreatedAt")
        credential.aigc = value(tc260, "AIGC").flatMap(parseAIGC)
        return credential
    }

    static func normalisedSourceType(_ uri: String) -> String {
        uri.hasPrefix("https://cv.iptc.org/") ? "http://" + uri.dropFirst(8) : uri
    }

    static func parseAIGC(_ json: String) -> AIGCLabel? {
        guard case .object(let members)? = try? LooseJSON.parse(json) else { return nil }
        func string(_ key: String) -> String? {
            guard let value = members.first(where: { $0.key == key })?.value else { return nil }
            if case .string(let text) = value { return text.isEmpty ? nil : text }
            if case .number(let literal) = value { return literal }
            return nil
        }
        guard let label = string("Label") else { return nil }
        var result = AIGCLabel(
            label: label,
            contentProducer: string("ContentProducer"),
            produceID: string("ProduceID"),
            reservedCode1: string("ReservedCode1")
        )
        result.contentPropagator = string("ContentPropagator")
        result.propagateID = string("PropagateID")
        result.reservedCode2 = string("ReservedCode2")
        return result
    }
}
