public import ColophonMedia

/// Every stamped image's PDQ hash in one contiguous array of 64-bit words, searched by brute
/// force: four XOR-and-popcounts per image is faster than any tree at a million images and
/// finds every match within the distance, with no false negatives.
public struct PDQIndex: Sendable {
    /// Four words per hash.
    public private(set) var words: [UInt64] = []
    /// The log index of the record each hash belongs to.
    public private(set) var entries: [UInt64] = []

    /// The distance Meta recommends for "same image" matches.
    public static let defaultThreshold = 31

    /// Below this quality a hash says too little about the image to match on (Meta's advice).
    public static let minimumQuality = 50

    public init() {}

    public var count: Int { entries.count }

    public mutating func reserve(_ capacity: Int) {
        words.reserveCapacity(capacity * 4)
        entries.reserveCapacity(capacity)
    }

    public mutating func add(_ hash: PDQHash, entry: UInt64) {
        let (a, b, c, d) = hash.words
        words += [a, b, c, d]
        entries.append(entry)
    }

    /// Every entry within `maxDistance` bits, nearest first.
    public func search(
        _ hash: PDQHash,
        maxDistance: Int = PDQIndex.defaultThreshold
    ) -> [(entry: UInt64, distance: Int)] {
        let (a, b, c, d) = hash.words
        var found: [(entry: UInt64, distance: Int)] = []
        words.withUnsafeBufferPointer { buffer in
            var offset = 0
            for index in 0..<entries.count {
                let distance =
                    (buffer[offset] ^ a).nonzeroBitCount + (buffer[offset + 1] ^ b).nonzeroBitCount
                    + (buffer[offset + 2] ^ c).nonzeroBitCount + (buffer[offset + 3] ^ d).nonzeroBitCount
                if distance <= maxDistance { found.append((entries[index], distance)) }
                offset += 4
            }
        }
        return found.sorted { $0.distance != $1.distance ? $0.distance < $1.distance : $0.entry < $1.entry }
    }
}
