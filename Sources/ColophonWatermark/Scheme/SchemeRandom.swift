import ColophonCrypto

/// The scheme's fixed pseudo-random streams: SHA-256 in counter mode over a label, so that any
/// implementation derives the same chip order, signs, template and whitening from the document.
///
/// Block `i` of stream `label` is SHA-256("colophon-wm/1/" ‖ label ‖ "/" ‖ i as 4 big-endian
/// bytes); the stream is the blocks in order.
enum SchemeRandom {
    static func bytes(_ label: String, count: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count + 32)
        var block: UInt32 = 0
        while out.count < count {
            var input = Array("colophon-wm/1/\(label)/".utf8)
            input += [UInt8(block >> 24), UInt8(block >> 16 & 0xFF), UInt8(block >> 8 & 0xFF), UInt8(block & 0xFF)]
            out += SHA256.hash(input).bytes
            block += 1
        }
        return Array(out.prefix(count))
    }

    /// Big-endian 32-bit words.
    static func words(_ label: String, count: Int) -> [UInt32] {
        let raw = bytes(label, count: 4 * count)
        return (0..<count).map { index in
            raw[4 * index..<4 * index + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }
    }

    /// Bits, most significant bit of each byte first.
    static func bits(_ label: String, count: Int) -> [UInt8] {
        let raw = bytes(label, count: (count + 7) / 8)
        return (0..<count).map { raw[$0 / 8] >> (7 - UInt8($0 % 8)) & 1 }
    }

    /// The indices 0..<count ordered by the stream's words (ties by index).
    static func order(_ label: String, count: Int) -> [Int] {
        let keys = words(label, count: count)
        return (0..<count).sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
    }
}
