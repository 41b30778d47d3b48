/// A digest a record is about, as an algorithm name and its encoded value.
public struct SubjectDigest: Hashable, Sendable {
    public var algorithm: String
    public var value: String

    public init(algorithm: String, value: String) {
        self.algorithm = algorithm
        self.value = value
    }
}
