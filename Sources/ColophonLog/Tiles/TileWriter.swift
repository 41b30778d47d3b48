import ColophonCrypto
import Foundation

/// Writes a log as a tlog-tiles directory that any static web server can serve.
///
/// Publishing is incremental: only tiles that changed since the directory's current checkpoint
/// are written, immutable files are never rewritten (an existing file with other bytes is a
/// fork and stops the run), and the checkpoint is replaced last, so a reader never sees a
/// checkpoint whose tiles are missing.
public struct TileWriter {
    /// What one publication did.
    public struct Report: Sendable, Hashable {
        public var previousSize: UInt64
        public var size: UInt64
        public var filesWritten: Int
        public var bytesWritten: Int
        /// Directories that gained files and must be flushed before the checkpoint moves.
        var touchedDirectories: Set<String> = []
    }

    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The size of the checkpoint currently published in the directory (0 if none).
    public func publishedSize() -> UInt64 {
        guard let data = FileManager.default.contents(atPath: directory + "/checkpoint"),
            let note = try? SignedNote(parsing: String(decoding: data, as: UTF8.self)),
            let checkpoint = try? Checkpoint(text: note.text)
        else { return 0 }
        return checkpoint.size
    }

    /// Publishes the log up to `size`, whose signed checkpoint is `checkpointNote`.
    ///
    /// - Parameter checkpointSizes: the sizes of every checkpoint the log has signed, so the
    ///   partial hash tiles a holder of an older checkpoint needs for proofs are there too.
    ///   Partial entry bundles are written for the published size only: each one repeats every
    ///   entry before it in its tile, and the newest holds them all.
    public func publish(
        source: some TileSource,
        size: UInt64,
        checkpointNote: String,
        checkpointSizes: [UInt64]
    ) async throws -> Report {
        let previous = min(publishedSize(), size)
        var report = Report(previousSize: previous, size: size, filesWritten: 0, bytesWritten: 0)
        let partialSizes = Set(checkpointSizes.filter { $0 > previous && $0 <= size } + [size])
        var level = 0
        while size >> UInt64(8 * level) > 0 {
            try await writeLevel(
                level,
                source: source,
                previous: previous,
                size: size,
                partialSizes: partialSizes,
                report: &report
            )
            level += 1
        }
        // Deepest first, so every new directory's own entry is flushed after its contents.
        for touched in report.touchedDirectories.sorted(by: { $0.count > $1.count }) {
            try AtomicFile.syncDirectory(touched)
        }
        try AtomicFile.syncDirectory(directory)
        try AtomicFile.replace(Array(checkpointNote.utf8), at: directory + "/checkpoint")
        report.filesWritten += 1
        report.bytesWritten += checkpointNote.utf8.count
        return report
    }

    private func writeLevel(
        _ level: Int,
        source: some TileSource,
        previous: UInt64,
        size: UInt64,
        partialSizes: Set<UInt64>,
        report: inout Report
    ) async throws {
        let shift = UInt64(8 * level)
        let width = UInt64(TilePath.width)
        let nodeCount = size >> shift
        let firstNewTile = (previous >> shift) / width
        let fullTiles = nodeCount / width
        // Full tiles completed since the last publication.
        if firstNewTile < fullTiles {
            for tile in firstNewTile..<fullTiles {
                try await writeTile(
                    level: level,
                    index: tile,
                    width: TilePath.width,
                    withEntries: true,
                    source: source,
                    report: &report
                )
            }
        }
        // Partial tiles at the right edge, one per checkpoint size that ends inside it.
        for partialSize in partialSizes.sorted() {
            let count = partialSize >> shift
            guard count / width == fullTiles, count % width > 0 else { continue }
            try await writeTile(
                level: level,
                index: fullTiles,
                width: Int(count % width),
                withEntries: partialSize == size,
                source: source,
                report: &report
            )
        }
    }

    private func writeTile(
        level: Int,
        index: UInt64,
        width: Int,
        withEntries: Bool,
        source: some TileSource,
        report: inout Report
    ) async throws {
        let ids = (0..<UInt64(width)).map { NodeID(level: 8 * level, index: index * UInt64(TilePath.width) + $0) }
        let hashes = try await source.nodeHashes(ids)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(width * SHA256Digest.byteCount)
        for id in ids {
            guard let hash = hashes[id] else {
                throw LogError(.inconsistent, "the store has no hash for subtree \(id)")
            }
            bytes.append(contentsOf: hash.bytes)
        }
        try write(bytes, to: TilePath.tile(level: level, index: index, width: width), report: &report)
        if level == 0 && withEntries {
            let entries = try await source.entries(from: index * UInt64(TilePath.width), count: width)
            try write(
                try EntryBundle.encode(entries),
                to: TilePath.entries(index: index, width: width),
                report: &report
            )
        }
    }

    private func write(_ bytes: [UInt8], to relativePath: String, report: inout Report) throws {
        if try AtomicFile.writeImmutable(bytes, to: directory + "/" + relativePath) {
            report.filesWritten += 1
            report.bytesWritten += bytes.count
            var parent = (relativePath as NSString).deletingLastPathComponent
            while !parent.isEmpty {
                report.touchedDirectories.insert(directory + "/" + parent)
                parent = (parent as NSString).deletingLastPathComponent
            }
        }
    }
}
