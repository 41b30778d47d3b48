import ColophonMedia
public import ColophonRecords
public import ColophonStorage
import Foundation

extension Ledger {
    /// Every registered model and adapter.
    public func modelCatalog() async throws -> ModelCatalog {
        var catalog = ModelCatalog()
        for type in [PredicateType.model, .adapter] {
            let entries = try await storage { try await store.entries(predicateType: type.rawValue) }
            for entry in entries {
                guard let envelope = try? Envelope(jsonBytes: entry.body),
                    let statement = try? Statement(bytes: envelope.payload),
                    let item = ModelCatalog.entry(record: entry.recordID, statement: statement)
                else { continue }
                catalog.add(item)
            }
        }
        return catalog
    }

    /// Entries whose statement names a subject with this digest.
    public func entries(subject algorithm: String, value: String) async throws -> [StoredEntry] {
        try await storage { try await store.entries(subject: SubjectDigest(algorithm: algorithm, value: value)) }
    }

    /// Where the PDQ index cache lives: derived data, rebuilt from the log when missing.
    var pdqCache: URL { directory.root.appendingPathComponent("index").appendingPathComponent("pdq.bin") }

    static let pdqCacheMagic = Array("CPDQIDX1".utf8)

    /// The PDQ hashes of every generation record, from the cache file brought up to date with
    /// the log (only entries after the cache's size are read).
    public func pdqIndex() async throws -> PDQIndex {
        var (index, covered) = loadPDQCache()
        let size = try await latestCheckpoint().size
        guard covered < size else { return index }
        var start = covered
        while start < size {
            let batch = try await storage {
                try await store.entries(from: start, count: Int(min(10_000, size - start)))
            }
            guard !batch.isEmpty else { break }
            for entry in batch where entry.predicateType == PredicateType.generation.rawValue {
                if let hash = Self.pdq(in: entry) { index.add(hash, entry: entry.index) }
            }
            start += UInt64(batch.count)
        }
        savePDQCache(index, covered: start)
        return index
    }

    static func pdq(in entry: StoredEntry) -> PDQHash? {
        guard let envelope = try? Envelope(jsonBytes: entry.body),
            let statement = try? JSONParser().parse(envelope.payload),
            let bindings = statement["predicate"]?["bindings"],
            let hex = bindings["pdq"]?.stringValue
        else { return nil }
        // Flat images hash to near-identical values that would "match" each other.
        if let quality = bindings["pdqQuality"]?.numberValue, quality < Double(PDQIndex.minimumQuality) { return nil }
        return PDQHash(hex: hex)
    }

    private func loadPDQCache() -> (PDQIndex, UInt64) {
        var index = PDQIndex()
        guard let data = try? Data(contentsOf: pdqCache), data.count >= 16, Array(data.prefix(8)) == Self.pdqCacheMagic
        else { return (index, 0) }
        let bytes = Array(data)
        func u64(_ offset: Int) -> UInt64 {
            var value: UInt64 = 0
            for byte in bytes[offset..<(offset + 8)].reversed() { value = value << 8 | UInt64(byte) }
            return value
        }
        let covered = u64(8)
        let count = (bytes.count - 16) / 40
        guard (bytes.count - 16) % 40 == 0 else { return (PDQIndex(), 0) }
        index.reserve(count)
        for item in 0..<count {
            let base = 16 + item * 40
            var hashBytes: [UInt8] = []
            for word in 0..<4 {
                let value = u64(base + 8 + word * 8)
                for shift in stride(from: 56, through: 0, by: -8) {
                    hashBytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
                }
            }
            index.add(PDQHash(bytes: hashBytes, quality: 0), entry: u64(base))
        }
        return (index, covered)
    }

    /// Written to a temporary file and renamed, so a reader never sees half a cache; a failure
    /// only costs a rebuild next time.
    private func savePDQCache(_ index: PDQIndex, covered: UInt64) {
        var bytes = Self.pdqCacheMagic
        bytes.reserveCapacity(16 + index.count * 40)
        func append(_ value: UInt64) {
            for shift in stride(from: 0, through: 56, by: 8) {
                bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
            }
        }
        append(covered)
        for item in 0..<index.count {
            append(index.entries[item])
            for word in 0..<4 { append(index.words[item * 4 + word]) }
        }
        let folder = pdqCache.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent("pdq.bin.\(UUID().uuidString).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: temporary)
            if rename(temporary.path, pdqCache.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}

extension Ledger {
    /// Records that cite `record` (generation records citing an adapter or model, corrections…).
    public func entries(referencing record: RecordID) async throws -> [StoredEntry] {
        try await storage { try await store.entries(referencing: record) }
    }
}
