import Synchronization

/// Full tiles and entry bundles never change, so their bytes are kept once read: tile reads
/// then cost a dictionary lookup instead of a few hundred subtree reads. Bounded in bytes (an
/// entry bundle can reach 16 MiB): when full, an arbitrary half is dropped.
final class TileCache: Sendable {
    private struct Table {
        var tiles: [String: [UInt8]] = [:]
        var bytes = 0
    }

    private let table = Mutex(Table())
    let capacityBytes: Int

    init(capacityBytes: Int = 256 << 20) {
        self.capacityBytes = capacityBytes
    }

    func get(_ path: String) -> [UInt8]? {
        table.withLock { $0.tiles[path] }
    }

    func put(_ path: String, _ bytes: [UInt8]) {
        guard bytes.count <= capacityBytes / 4 else { return }
        table.withLock { table in
            if table.bytes + bytes.count > capacityBytes {
                for key in table.tiles.keys.prefix(table.tiles.count / 2 + 1) {
                    table.bytes -= table.tiles[key]?.count ?? 0
                    table.tiles[key] = nil
                }
            }
            if let old = table.tiles.updateValue(bytes, forKey: path) { table.bytes -= old.count }
            table.bytes += bytes.count
        }
    }
}
