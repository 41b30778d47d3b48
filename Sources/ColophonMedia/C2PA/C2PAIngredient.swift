public import ColophonRecords

/// A `c2pa.ingredient.v3` assertion: something the asset was made from. Colophon writes the
/// base model and each LoRA as `inputTo` ingredients, described by name, hash and weight.
public struct C2PAIngredient: Hashable, Sendable {
    public var title: String
    public var format: String
    /// `parentOf`, `componentOf` or `inputTo`.
    public var relationship: String
    /// C2PA data types, e.g. `c2pa.types.generator`, `c2pa.types.model`.
    public var dataTypes: [String]
    public var description: String?

    public init(
        title: String,
        format: String = "application/octet-stream",
        relationship: String = "inputTo",
        dataTypes: [String],
        description: String? = nil
    ) {
        self.title = title
        self.format = format
        self.relationship = relationship
        self.dataTypes = dataTypes
        self.description = description
    }

    /// The assertion's CBOR, keys in the order c2pa-rs writes them.
    public var cbor: CBOR {
        var pairs: [CBOR.Pair] = [
            .init(.text("relationship"), .text(relationship)),
            .init(.text("dc:title"), .text(title)),
            .init(.text("dc:format"), .text(format)),
        ]
        if !dataTypes.isEmpty {
            pairs.append(.init(.text("dataTypes"), .array(dataTypes.map { .map(["type": .text($0)]) })))
        }
        if let description { pairs.append(.init(.text("description"), .text(description))) }
        return .map(pairs)
    }

    /// Reads an ingredient assertion (v1–v3 share these fields).
    public init?(cbor: CBOR) {
        guard let relationship = cbor["relationship"]?.textValue else { return nil }
        self.relationship = relationship
        title = cbor["dc:title"]?.textValue ?? cbor["title"]?.textValue ?? ""
        format = cbor["dc:format"]?.textValue ?? cbor["format"]?.textValue ?? ""
        dataTypes = (cbor["dataTypes"]?.arrayValue ?? []).compactMap { $0["type"]?.textValue }
        description = cbor["description"]?.textValue
    }
}
