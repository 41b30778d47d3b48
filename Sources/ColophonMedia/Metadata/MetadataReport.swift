/// The outcome of reading an image's generation metadata: the parameters when a generator's
/// format was recognised, the raw fields in any case, and why something could not be read.
/// "Unreadable" is an answer to record, not an error: the image is still stamped.
public struct MetadataReport: Hashable, Sendable {
    public var parameters: GenerationParameters?
    /// Every metadata field found, verbatim, in file order.
    public var raw: [GenerationParameters.Setting]
    /// Problems met while reading (bad encodings, malformed JSON, broken graphs).
    public var problems: [String]

    public init(
        parameters: GenerationParameters? = nil,
        raw: [GenerationParameters.Setting] = [],
        problems: [String] = []
    ) {
        self.parameters = parameters
        self.raw = raw
        self.problems = problems
    }

    /// Fields were present but no generator format could be read from them.
    public var isUnreadable: Bool {
        parameters == nil && !problems.isEmpty
    }
}
