import ColophonCrypto
public import ColophonLog
import ColophonStorage

extension Ledger {
    /// The bytes of a tlog-tiles hash tile or entry bundle, read from the store, or `nil` when
    /// the log is not yet big enough to hold it.
    ///
    /// A full tile never changes once the log has grown past it; a partial one (`.p/W`) is
    /// served for any width the log already covers.
    public func tile(_ tile: TilePath.Parsed, logSize: UInt64) async throws -> [UInt8]? {
        let width = UInt64(tile.width)
        guard (1...UInt64(TilePath.width)).contains(width) else { return nil }
        let (first, firstOverflow) = tile.index.multipliedReportingOverflow(by: UInt64(TilePath.width))
        let (end, endOverflow) = first.addingReportingOverflow(width)
        guard !firstOverflow, !endOverflow else { return nil }
        guard let level = tile.level else {
            guard end <= logSize else { return nil }
            let entries = try await storage { try await store.entries(from: first, count: tile.width) }
            guard entries.count == tile.width else {
                throw LedgerError(.storage, "entries \(first)..<\(first + width) are not all stored")
            }
            do {
                return try EntryBundle.encode(entries.map(\.body))
            } catch {
                throw LedgerError(.storage, "entry bundle \(tile.index): \(error)")
            }
        }
        let shift = UInt64(8 * level)
        // Nodes of this level the log has completed.
        let available = shift >= 64 ? 0 : logSize >> shift
        guard end <= available else { return nil }
        let keys = (0..<width).map { NodeKey(level: 8 * level, index: first + $0) }
        let hashes = try await storage { try await store.nodeHashes(keys) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hashes.count * SHA256Digest.byteCount)
        for hash in hashes {
            bytes.append(contentsOf: hash.bytes)
        }
        return bytes
    }
}
