public import ColophonCrypto
public import Foundation

/// A signed checkpoint as the store keeps it.
public struct TreeHead: Hashable, Sendable {
    public var size: UInt64
    public var root: SHA256Digest
    /// The signed note, verbatim.
    public var note: String
    public var signedAt: Date

    public init(size: UInt64, root: SHA256Digest, note: String, signedAt: Date) {
        self.size = size
        self.root = root
        self.note = note
        self.signedAt = signedAt
    }
}
