public import Foundation

/// What validating an image's active C2PA manifest found, in C2PA's own terms: the state
/// (`Invalid` ⊂ `Valid` ⊂ `Trusted`) and the status codes behind it, named as c2pa-rs names
/// them so the two can be compared line by line.
public struct C2PAValidation: Sendable {
    public enum State: String, Sendable, Codable {
        case invalid = "Invalid"
        case valid = "Valid"
        case trusted = "Trusted"
    }

    /// One status code with its explanation.
    public struct Status: Hashable, Sendable, Codable {
        public var code: String
        public var explanation: String

        public init(_ code: String, _ explanation: String) {
            self.code = code
            self.explanation = explanation
        }
    }

    public var state: State
    public var success: [Status]
    public var failure: [Status]
    public var informational: [Status]
    public var manifest: C2PAManifest
    public var store: C2PAManifestStore
    /// The signing certificate's subject and issuer.
    public var signer: String?
    public var issuer: String?
    /// The time-stamp's time, when the signature carries one that verifies.
    public var timestamp: Date?

    /// Whether a failure with `code` was found.
    public func failed(_ code: String) -> Bool {
        failure.contains { $0.code == code }
    }
}
