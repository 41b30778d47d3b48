import Synchronization

/// Full tiles and entry bundles never change, so their bytes are kept once read: tile reads
/// then cost a dictionary lookup instead of a few hundred subtree reads. Bounded: when full,
/// an arbitrary half is dropped.
final class TileCache: Sendable {
    private let tiles = Mutex<[String: [UInt8]]>([:])
    let capacity: Int

    init(capacity: Int = 8192) {
        self.capacity = capacity
    }

    func get(_ path: String) -> [UInt8]? {
        tiles.withLock { $0[path] }
    }

    func put(_ path: String, _ bytes: [UInt8]) {
        tiles.withLock { table in
            if table.count >= capacity {
                for key in table.keys.prefix(capacity / 2) { table[key] = nil }
            }
            table[path] = bytes
        }
    }
}
