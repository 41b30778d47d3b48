import Foundation
internal import ZIPFoundation

/// Writes a zip archive in memory: entries stored (images and already-compressed data) or
/// deflated (text), with a fixed modification time so the same entries give the same bytes.
public enum ZipWriter {
    /// One entry to write.
    public struct Entry: Sendable {
        public var name: String
        public var bytes: [UInt8]
        public var deflate: Bool

        public init(name: String, bytes: [UInt8], deflate: Bool) {
            self.name = name
            self.bytes = bytes
            self.deflate = deflate
        }
    }

    /// The archive's bytes.
    ///
    /// - Throws: ``MediaError`` `.malformed` for a name ``ZipReader`` would refuse or a
    ///   repeated name; `.io` when the archive cannot be built.
    public static func archive(_ entries: [Entry]) throws(MediaError) -> [UInt8] {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            var seen: Set<String> = []
            for entry in entries {
                if let problem = ZipReader.problem(withName: entry.name) { throw MediaError(.malformed, problem) }
                guard seen.insert(entry.name).inserted else {
                    throw MediaError(.malformed, "the entry name \(entry.name) is repeated")
                }
                let data = Data(entry.bytes)
                try archive.addEntry(
                    with: entry.name,
                    type: .file,
                    uncompressedSize: Int64(data.count),
                    modificationDate: Date(timeIntervalSince1970: 1_577_836_800),
                    compressionMethod: entry.deflate ? .deflate : .none
                ) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let bytes = archive.data else { throw MediaError(.io, "the archive was not written") }
            return Array(bytes)
        } catch let error as MediaError {
            throw error
        } catch {
            throw MediaError(.io, "cannot write the archive: \(error)")
        }
    }
}
