internal import CZStream

/// The 104 bits a tile carries before coding: the 64-bit payload, the version byte and a CRC-32
/// (IEEE, as zlib computes it) of those nine bytes, big-endian, all XORed with a fixed
/// pseudo-random sequence so that the decoded word of an unmarked image looks uniformly random —
/// which is what the false-positive bound assumes.
enum WatermarkFrame {
    static let whitening = SchemeRandom.bits("whitening", count: WatermarkScheme.frameBits)

    /// The frame's bits, most significant first.
    static func bits(payload: UInt64) -> [UInt8] {
        var body = (0..<8).map { UInt8(truncatingIfNeeded: payload >> (56 - 8 * UInt64($0))) }
        body.append(WatermarkScheme.version)
        let crc = crc32(body)
        body += [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
        var out: [UInt8] = []
        out.reserveCapacity(WatermarkScheme.frameBits)
        for byte in body {
            for shift in stride(from: 7, through: 0, by: -1) { out.append(byte >> UInt8(shift) & 1) }
        }
        return zip(out, whitening).map { $0 ^ $1 }
    }

    /// The payload, if the bits are a frame of this version whose CRC holds.
    static func payload(from bits: [UInt8]) -> UInt64? {
        guard bits.count == WatermarkScheme.frameBits else { return nil }
        let clear = zip(bits, whitening).map { $0 ^ $1 }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: clear.count, by: 8) {
            bytes.append(clear[index..<index + 8].reduce(UInt8(0)) { $0 << 1 | $1 })
        }
        guard bytes[8] == WatermarkScheme.version else { return nil }
        let stored = bytes[9...12].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard crc32(Array(bytes[0...8])) == stored else { return nil }
        return bytes[0...7].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(CZStream.crc32(0, $0.baseAddress, UInt32($0.count))) }
    }
}
