import ColophonCrypto
import ColophonRecords
import Foundation

/// Locates the log's conformance vectors, which the repository carries in `Tests/Fixtures`
/// (Tests/Fixtures/SOURCES.md says where each came from).
enum LogVectors {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func url(_ relative: String) -> URL {
        root.appendingPathComponent(relative)
    }

    /// Every JSON file under a vector folder, recursively, sorted by path.
    static func jsonFiles(under relative: String) throws -> [URL] {
        let base = url(relative)
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: base.path])
        }
        return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }
            .sorted { $0.path < $1.path }
    }

    /// Reads a vector file. Foundation's parser, because the corpus holds 64-bit sizes that
    /// Colophon's I-JSON parser rightly refuses.
    static func load(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    }

    /// A non-negative integer field.
    static func size(_ value: Any?) -> UInt64? {
        (value as? NSNumber).flatMap { $0.int64Value >= 0 || $0.uint64Value > UInt64(Int64.max) ? $0.uint64Value : nil }
    }

    /// Decodes a base64 hash; `nil` when it is not 32 bytes (junk in negative vectors).
    static func digest(_ value: Any?) -> SHA256Digest? {
        guard let text = value as? String, let bytes = Base64.decode(text) else { return nil }
        return SHA256Digest(bytes: bytes)
    }

    /// Decodes a proof array (`null` is empty); `nil` if any element is not a 32-byte hash.
    static func proof(_ value: Any?) -> [SHA256Digest]? {
        guard let value, !(value is NSNull) else { return [] }
        guard let elements = value as? [Any] else { return nil }
        var out: [SHA256Digest] = []
        for element in elements {
            guard let digest = digest(element) else { return nil }
            out.append(digest)
        }
        return out
    }
}
