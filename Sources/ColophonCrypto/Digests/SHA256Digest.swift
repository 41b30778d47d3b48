/// A SHA-256 digest: 32 bytes held inline, so Merkle trees and indexes never allocate for one.
public struct SHA256Digest: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The number of bytes in a digest.
    public static let byteCount = 32

    // Raw memory of the 32 bytes in order; the words are only storage, not numbers.
    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// Copies a digest out of exactly 32 bytes of memory.
    ///
    /// A concrete overload: the generic one below cannot be specialised across modules, and
    /// reading stored hashes is on the proof path.
    public init?(bytes raw: UnsafeRawBufferPointer) {
        guard raw.count == Self.byteCount else { return nil }
        self.init(unsafeBytes: raw)
    }

    /// Copies a digest out of an array of exactly 32 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self = bytes.withUnsafeBytes { SHA256Digest(unsafeBytes: $0) }
    }

    /// Copies a digest out of exactly 32 bytes.
    ///
    /// - Returns: `nil` when `bytes` is not 32 bytes long.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == Self.byteCount else { return nil }
        words = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            for (offset, byte) in bytes.enumerated() {
                raw[offset] = byte
            }
        }
    }

    /// Reads a digest from 32 bytes of raw memory; the caller guarantees the length.
    init(unsafeBytes raw: UnsafeRawBufferPointer) {
        precondition(raw.count == Self.byteCount, "a SHA-256 digest is 32 bytes")
        words = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: raw) }
    }

    /// Parses 64 hexadecimal digits (either case).
    ///
    /// - Returns: `nil` for any other length or a non-hex character.
    public init?(hex: some StringProtocol) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 2 * Self.byteCount else { return nil }
        var bytes = [UInt8](repeating: 0, count: Self.byteCount)
        for index in 0..<Self.byteCount {
            guard let high = Hex.value(of: utf8[2 * index]), let low = Hex.value(of: utf8[2 * index + 1]) else {
                return nil
            }
            bytes[index] = high << 4 | low
        }
        self.init(bytes: bytes)
    }

    /// Calls `body` with the 32 digest bytes.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try Swift.withUnsafeBytes(of: words, body)
    }

    /// The digest bytes, in order.
    public var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    /// Lower-case hexadecimal, 64 characters.
    public var hex: String {
        withUnsafeBytes { Hex.encode($0) }
    }

    public var description: String { hex }

    public static func == (lhs: SHA256Digest, rhs: SHA256Digest) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2
            && lhs.words.3 == rhs.words.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    /// Byte-wise order, the order of the hex strings.
    public static func < (lhs: SHA256Digest, rhs: SHA256Digest) -> Bool {
        lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in
                left.lexicographicallyPrecedes(right)
            }
        }
    }
}
