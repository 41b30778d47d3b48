import ColophonCrypto
import ColophonRecords
public import ColophonStorage

/// A signed checkpoint: the log's size and root, and the note itself.
public struct CheckpointReport: Codable, Sendable {
    public var size: UInt64
    public var root: String
    public var note: String

    public init(_ head: TreeHead) {
        size = head.size
        root = Base64.encode(head.root.bytes)
        note = head.note
    }
}
