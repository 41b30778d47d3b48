/// The GB 45438-2025 implicit metadata label: a JSON object in the TC260 XMP namespace.
public struct AIGCLabel: Hashable, Sendable {
    /// "1" generated, "2" possibly generated, "3" suspected.
    public var label: String
    public var contentProducer: String?
    public var produceID: String?
    public var reservedCode1: String?
    public var contentPropagator: String?
    public var propagateID: String?
    public var reservedCode2: String?

    public init(label: String, contentProducer: String? = nil, produceID: String? = nil, reservedCode1: String? = nil) {
        self.label = label
        self.contentProducer = contentProducer
        self.produceID = produceID
        self.reservedCode1 = reservedCode1
    }

    /// The member names and values in the order implementations write them.
    var members: [(String, String)] {
        [
            ("Label", label), ("ContentProducer", contentProducer ?? ""), ("ProduceID", produceID ?? ""),
            ("ReservedCode1", reservedCode1 ?? ""), ("ContentPropagator", contentPropagator ?? ""),
            ("PropagateID", propagateID ?? ""), ("ReservedCode2", reservedCode2 ?? ""),
        ]
    }
}
