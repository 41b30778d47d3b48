public import ColophonRecords

/// A human contribution to record: the predicate as the author states it, the material it
/// is about (a lettering layer, a script, the edited panel), and the evidence files that back
/// it (drafts, layered files, timelapses), which are stored as blobs.
public struct ContributionRequest: Sendable {
    /// A file given by its bytes.
    public struct File: Sendable {
        public var name: String
        public var bytes: [UInt8]
        public var mediaType: String?
        public var description: String?

        public init(name: String, bytes: [UInt8], mediaType: String? = nil, description: String? = nil) {
            self.name = name
            self.bytes = bytes
            self.mediaType = mediaType
            self.description = description
        }
    }

    public var predicate: ContributionPredicate
    /// What the contribution made: the record's subjects.
    public var material: [File]
    public var evidence: [File]

    public init(predicate: ContributionPredicate, material: [File] = [], evidence: [File] = []) {
        self.predicate = predicate
        self.material = material
        self.evidence = evidence
    }
}
