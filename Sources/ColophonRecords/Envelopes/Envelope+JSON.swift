extension Envelope {
    /// The largest envelope document read from outside (pretty-printed ones are bigger than
    /// their canonical form).
    public static let maxInputBytes = 1 << 20

    /// Reads an envelope from JSON bytes, strictly: exactly the DSSE members, Base64 that
    /// decodes, at least one signature.
    public init(jsonBytes bytes: some Collection<UInt8>) throws(RecordError) {
        guard bytes.count <= Self.maxInputBytes else {
            throw RecordError(.tooLarge, "the envelope is \(bytes.count) bytes; the limit is \(Self.maxInputBytes)")
        }
        let value: JSONValue
        do {
            value = try JSONParser(limits: .init(maxBytes: Self.maxInputBytes, maxDepth: 8)).parse(bytes)
        } catch {
            throw RecordError(.malformedJSON, error.description)
        }
        try self.init(json: value)
    }

    /// Reads an envelope from a parsed JSON value.
    public init(json: JSONValue) throws(RecordError) {
        guard let members = json.objectValue else {
            throw RecordError(.notAnEnvelope, "the envelope is not a JSON object")
        }
        if let unknown = members.keys.sorted().first(where: { !["payload", "payloadType", "signatures"].contains($0) })
        {
            throw RecordError(.notAnEnvelope, "unknown envelope member \"\(unknown)\"")
        }
        guard let payloadText = members["payload"]?.stringValue else {
            throw RecordError(.notAnEnvelope, "payload must be a Base64 string")
        }
        guard let payload = Base64.decode(payloadText) else {
            throw RecordError(.notAnEnvelope, "payload is not valid Base64")
        }
        guard let payloadType = members["payloadType"]?.stringValue, !payloadType.isEmpty else {
            throw RecordError(.notAnEnvelope, "payloadType must be a non-empty string")
        }
        guard let signatureList = members["signatures"]?.arrayValue, !signatureList.isEmpty else {
            throw RecordError(.notAnEnvelope, "signatures must be a non-empty array")
        }
        var signatures: [Signature] = []
        for (index, entry) in signatureList.enumerated() {
            guard let fields = entry.objectValue else {
                throw RecordError(.notAnEnvelope, "signatures[\(index)] is not an object")
            }
            if let unknown = fields.keys.sorted().first(where: { $0 != "keyid" && $0 != "sig" }) {
                throw RecordError(.notAnEnvelope, "signatures[\(index)] has unknown member \"\(unknown)\"")
            }
            let keyID = fields["keyid"]?.stringValue ?? ""
            if fields["keyid"] != nil && fields["keyid"]?.stringValue == nil {
                throw RecordError(.notAnEnvelope, "signatures[\(index)].keyid must be a string")
            }
            guard let sigText = fields["sig"]?.stringValue, let sig = Base64.decode(sigText), !sig.isEmpty else {
                throw RecordError(.notAnEnvelope, "signatures[\(index)].sig must be non-empty Base64")
            }
            signatures.append(Signature(keyID: keyID, bytes: sig))
        }
        self.init(payloadType: payloadType, payload: payload, signatures: signatures)
    }

    /// The envelope as JSON (standard Base64 with padding, as securesystemslib writes it).
    public var json: JSONValue {
        .object([
            "payload": .string(Base64.encode(payload)),
            "payloadType": .string(payloadType),
            "signatures": .array(
                signatures.map { .object(["keyid": .string($0.keyID), "sig": .string(Base64.encode($0.bytes))]) }
            ),
        ])
    }

    /// The canonical bytes of the whole envelope: what a log entry holds.
    ///
    /// Written directly rather than through ``CanonicalJSON``: the members are always the same
    /// and already in RFC 8785 order (`payload` < `payloadType` < `signatures`, `keyid` < `sig`),
    /// and Base64 needs no escaping; a test holds this equal to the generic encoder's output.
    ///
    /// - Throws: ``RecordError`` `.tooLarge` if it would not fit a log entry.
    public func canonicalBytes() throws(RecordError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(payload.count * 4 / 3 + 64 + signatures.count * 160)
        out.append(contentsOf: #"{"payload":""#.utf8)
        Base64.appendEncoded(payload, to: &out)
        out.append(contentsOf: #"","payloadType":"#.utf8)
        CanonicalJSON.writeString(payloadType, to: &out)
        out.append(contentsOf: #","signatures":["#.utf8)
        for (index, signature) in signatures.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"keyid":"#.utf8)
            CanonicalJSON.writeString(signature.keyID, to: &out)
            out.append(contentsOf: #","sig":""#.utf8)
            Base64.appendEncoded(signature.bytes, to: &out)
            out.append(contentsOf: #""}"#.utf8)
        }
        out.append(contentsOf: "]}".utf8)
        guard out.count <= Self.maxEncodedBytes else {
            throw RecordError(
                .tooLarge,
                "the signed record is \(out.count) bytes; a log entry holds at most \(Self.maxEncodedBytes) (store large inputs as blobs)"
            )
        }
        return out
    }
}
