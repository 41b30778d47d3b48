import ColophonCrypto
import ColophonRecords
import ColophonStorage

/// A signed checkpoint: the log's size and root, and the note itself.
struct CheckpointReport: Codable {
    var size: UInt64
    var root: String
    var note: String

    init(_ head: TreeHead) {
        size = head.size
        root = Base64.encode(head.root.bytes)
        note = head.note
    }
}
