/// BLAKE3 (unkeyed hash mode, 32-byte output), streamed. InvokeAI identifies models by the
/// BLAKE3 of the whole file, and libcrypto has no BLAKE3, so Colophon carries its own; it is
/// checked against the official test vectors and Debian's `b3sum`.
public struct BLAKE3: Sendable {
    static let iv: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6A09_E667, 0xBB67_AE85, 0x3C6E_F372, 0xA54F_F53A, 0x510E_527F, 0x9B05_688C, 0x1F83_D9AB, 0x5BE0_CD19
    )
    static let chunkStart: UInt32 = 1
    static let chunkEnd: UInt32 = 2
    static let parent: UInt32 = 4
    static let root: UInt32 = 8
    static let blockLength = 64
    static let chunkLength = 1024

    /// Eight words of chaining value.
    typealias Words = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    /// Chaining values of completed subtrees, one per set bit of the chunk count.
    private var stack: [Words] = []
    private var chunkCounter: UInt64 = 0
    private var chunkCV: Words = BLAKE3.iv
    private var blocksCompressed = 0
    private var block = [UInt8](repeating: 0, count: 64)
    private var blockFill = 0

    public init() {}

    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = BLAKE3()
        hasher.update(bytes)
        return hasher.finalize()
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    public mutating func update(_ input: UnsafeRawBufferPointer) {
        guard var pointer = input.baseAddress else { return }
        var remaining = input.count
        while remaining > 0 {
            // A full block is only compressed once more input shows it is not the chunk's last.
            if blockFill == Self.blockLength {
                if blocksCompressed == 15 {
                    finishChunk()
                } else {
                    compressBufferedBlock(flags: blocksCompressed == 0 ? Self.chunkStart : 0)
                }
            }
            // Fast path: whole blocks straight from the input while more input follows them.
            if blockFill == 0 {
                while remaining > Self.blockLength, blocksCompressed < 15 {
                    let flags = blocksCompressed == 0 ? Self.chunkStart : 0
                    chunkCV = Self.compressCV(
                        chunkCV,
                        block: UnsafeRawPointer(pointer),
                        counter: chunkCounter,
                        blockLength: UInt32(Self.blockLength),
                        flags: flags
                    )
                    blocksCompressed += 1
                    pointer += Self.blockLength
                    remaining -= Self.blockLength
                }
                if blocksCompressed == 15, remaining > Self.blockLength {
                    let flags = Self.chunkEnd
                    let cv = Self.compressCV(
                        chunkCV,
                        block: UnsafeRawPointer(pointer),
                        counter: chunkCounter,
                        blockLength: UInt32(Self.blockLength),
                        flags: flags
                    )
                    pointer += Self.blockLength
                    remaining -= Self.blockLength
                    pushChunk(cv)
                    continue
                }
            }
            let take = min(Self.blockLength - blockFill, remaining)
            block.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { ($0 + blockFill).copyMemory(from: pointer, byteCount: take) }
            }
            blockFill += take
            pointer += take
            remaining -= take
        }
    }

    /// The 32-byte digest.
    public func finalize() -> [UInt8] {
        var flags = Self.chunkEnd | (blocksCompressed == 0 ? Self.chunkStart : 0)
        var cv = chunkCV
        var lastBlock = block
        for index in blockFill..<Self.blockLength { lastBlock[index] = 0 }
        var blockLength = UInt32(blockFill)
        var counter = chunkCounter
        var index = stack.count
        while index > 0 {
            index -= 1
            let child = Self.compressCV(cv, block: lastBlock, counter: counter, blockLength: blockLength, flags: flags)
            lastBlock = Self.bytes(stack[index]) + Self.bytes(child)
            cv = Self.iv
            counter = 0
            blockLength = UInt32(Self.blockLength)
            flags = Self.parent
        }
        let out = Self.compressCV(
            cv,
            block: lastBlock,
            counter: counter,
            blockLength: blockLength,
            flags: flags | Self.root
        )
        return Self.bytes(out)
    }

    private mutating func compressBufferedBlock(flags: UInt32) {
        let cv = chunkCV
        let counter = chunkCounter
        chunkCV = Self.compressCV(
            cv,
            block: block,
            counter: counter,
            blockLength: UInt32(Self.blockLength),
            flags: flags
        )
        blocksCompressed += 1
        blockFill = 0
    }

    /// Compresses the buffered 16th block as the chunk's last and pushes the chunk.
    private mutating func finishChunk() {
        let cv = chunkCV
        let counter = chunkCounter
        let out = Self.compressCV(
            cv,
            block: block,
            counter: counter,
            blockLength: UInt32(Self.blockLength),
            flags: Self.chunkEnd
        )
        blockFill = 0
        pushChunk(out)
    }

    /// Adds a finished chunk's chaining value, merging completed subtrees, and starts the next
    /// chunk.
    private mutating func pushChunk(_ chunk: Words) {
        var cv = chunk
        var total = chunkCounter + 1
        while total & 1 == 0, let left = stack.popLast() {
            cv = Self.parentCV(left, cv)
            total >>= 1
        }
        stack.append(cv)
        chunkCounter += 1
        chunkCV = Self.iv
        blocksCompressed = 0
    }

    private static func parentCV(_ left: Words, _ right: Words) -> Words {
        compressCV(iv, block: bytes(left) + bytes(right), counter: 0, blockLength: UInt32(blockLength), flags: parent)
    }

    static func bytes(_ words: Words) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for word in [words.0, words.1, words.2, words.3, words.4, words.5, words.6, words.7] {
            out += [UInt8(word & 0xFF), UInt8(word >> 8 & 0xFF), UInt8(word >> 16 & 0xFF), UInt8(word >> 24)]
        }
        return out
    }

    @inline(__always)
    private static func rotr(_ value: UInt32, _ count: UInt32) -> UInt32 {
        value >> count | value << (32 - count)
    }

    /// ``compressCV(_:block:counter:blockLength:flags:)`` over up to 64 bytes, zero-padded.
    static func compressCV(_ cv: Words, block: [UInt8], counter: UInt64, blockLength: UInt32, flags: UInt32) -> Words {
        var words = [UInt32](repeating: 0, count: 16)
        for (index, byte) in block.prefix(Self.blockLength).enumerated() {
            words[index / 4] |= UInt32(byte) << (8 * UInt32(index % 4))
        }
        let m = (
            words[0], words[1], words[2], words[3], words[4], words[5], words[6], words[7],
            words[8], words[9], words[10], words[11], words[12], words[13], words[14], words[15]
        )
        return compress(cv, m: m, counter: counter, blockLength: blockLength, flags: flags)
    }

    /// The compression function, truncated to the chaining value: seven rounds of the G
    /// mixing function over a 64-byte little-endian block.
    @inline(__always)
    static func compressCV(
        _ cv: Words,
        block: UnsafeRawPointer,
        counter: UInt64,
        blockLength: UInt32,
        flags: UInt32
    ) -> Words {
        let m = (
            UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 0, as: UInt32.self)),
            UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 4, as: UInt32.self)),
            UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 8, as: UInt32.self)),
            UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 12, as: UInt32.self)),
            UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 16, as: UInt32.self)),
            UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 20, as: UInt32.self)),
            UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 24, as: UInt32.self)),
            UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 28, as: UInt32.self)),
            UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 32, as: UInt32.self)),
            UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 36, as: UInt32.self)),
            UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 40, as: UInt32.self)),
            UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 44, as: UInt32.self)),
            UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 48, as: UInt32.self)),
            UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 52, as: UInt32.self)),
            UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 56, as: UInt32.self)),
            UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 60, as: UInt32.self))
        )
        return compress(cv, m: m, counter: counter, blockLength: blockLength, flags: flags)
    }

    typealias Block = (
        UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
        UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32
    )

    @inline(__always)
    static func compress(_ cv: Words, m message: Block, counter: UInt64, blockLength: UInt32, flags: UInt32) -> Words {
        var m = message
        var v0 = cv.0
        var v1 = cv.1
        var v2 = cv.2
        var v3 = cv.3
        var v4 = cv.4
        var v5 = cv.5
        var v6 = cv.6
        var v7 = cv.7
        var v8 = iv.0
        var v9 = iv.1
        var v10 = iv.2
        var v11 = iv.3
        var v12 = UInt32(truncatingIfNeeded: counter)
        var v13 = UInt32(truncatingIfNeeded: counter >> 32)
        var v14 = blockLength
        var v15 = flags

        @inline(__always)
        func g(_ a: inout UInt32, _ b: inout UInt32, _ c: inout UInt32, _ d: inout UInt32, _ x: UInt32, _ y: UInt32) {
            a = a &+ b &+ x
            d = rotr(d ^ a, 16)
            c = c &+ d
            b = rotr(b ^ c, 12)
            a = a &+ b &+ y
            d = rotr(d ^ a, 8)
            c = c &+ d
            b = rotr(b ^ c, 7)
        }

        for round in 0..<7 {
            g(&v0, &v4, &v8, &v12, m.0, m.1)
            g(&v1, &v5, &v9, &v13, m.2, m.3)
            g(&v2, &v6, &v10, &v14, m.4, m.5)
            g(&v3, &v7, &v11, &v15, m.6, m.7)
            g(&v0, &v5, &v10, &v15, m.8, m.9)
            g(&v1, &v6, &v11, &v12, m.10, m.11)
            g(&v2, &v7, &v8, &v13, m.12, m.13)
            g(&v3, &v4, &v9, &v14, m.14, m.15)
            if round < 6 {
                // The message permutation 2,6,3,10,7,0,4,13,1,11,12,5,9,14,15,8.
                m = (m.2, m.6, m.3, m.10, m.7, m.0, m.4, m.13, m.1, m.11, m.12, m.5, m.9, m.14, m.15, m.8)
            }
        }
        return (v0 ^ v8, v1 ^ v9, v2 ^ v10, v3 ^ v11, v4 ^ v12, v5 ^ v13, v6 ^ v14, v7 ^ v15)
    }
}
