/// A typed Colophon predicate: a Swift value that encodes to the body its schema describes.
public protocol Predicate: Codable, Sendable {
    /// The predicate type this value is the body of.
    static var predicateType: PredicateType { get }
}
