public import ColophonRecords

/// One link from an adapter (or model) to an artist, with why it was made and how sure it is.
public struct AdapterAttribution: Hashable, Sendable {
    public var adapter: RecordID
    public var adapterName: String
    /// The artist as the link names them.
    public var artist: String
    public var basis: AttributionPredicate.Basis
    public var confidence: Double
    /// What matched, in words.
    public var evidence: String
    /// The `attribution` record that states the link; nil when it was read from the adapter's
    /// own record at evaluation time.
    public var record: RecordID?

    public init(
        adapter: RecordID,
        adapterName: String,
        artist: String,
        basis: AttributionPredicate.Basis,
        confidence: Double,
        evidence: String,
        record: RecordID? = nil
    ) {
        self.adapter = adapter
        self.adapterName = adapterName
        self.artist = artist
        self.basis = basis
        self.confidence = confidence
        self.evidence = evidence
        self.record = record
    }

    /// Declared links are facts the registrant stated; metadata matches are read from the
    /// file; the rest are inferences.
    public var evidenceStrength: String {
        switch basis {
        case .declared: "declared"
        case .trainingMetadata, .triggerWord, .datasetManifest, .platformMetadata: "hash-matched"
        case .promptText, .classifier: "inferred"
        }
    }
}
