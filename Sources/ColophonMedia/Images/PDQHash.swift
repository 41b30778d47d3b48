import Foundation

/// Meta's PDQ perceptual hash (256 bits) with its quality score, computed exactly as the
/// ThreatExchange C++ reference (and the `pdqhash` Python package) does: every float step is
/// single precision in the reference's order, because flat images hash from rounding noise.
public struct PDQHash: Hashable, Sendable {
    /// 32 bytes; byte 0 holds bits 255…248 (the hex string's first two digits).
    public let bytes: [UInt8]
    /// 0 (featureless) to 100.
    public let quality: Int

    public var hex: String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// The hash as four 64-bit words, most significant first, for fast Hamming distance.
    public var words: (UInt64, UInt64, UInt64, UInt64) {
        func word(_ index: Int) -> UInt64 {
            bytes[(index * 8)..<(index * 8 + 8)].reduce(0) { $0 << 8 | UInt64($1) }
        }
        return (word(0), word(1), word(2), word(3))
    }

    public func distance(to other: PDQHash) -> Int {
        zip(bytes, other.bytes).reduce(0) { $0 + ($1.0 ^ $1.1).nonzeroBitCount }
    }

    public init(bytes: [UInt8], quality: Int) {
        self.bytes = bytes
        self.quality = quality
    }

    public init?(hex: String, quality: Int = 0) {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        func nibble(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x61...0x66: byte - 0x61 + 10
            case 0x41...0x46: byte - 0x41 + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self.init(bytes: bytes, quality: quality)
    }

    /// Hashes a decoded image (alpha is ignored, as the reference ignores it).
    public init(image: DecodedImage) {
        let rows = image.height
        let cols = image.width
        guard rows >= 5, cols >= 5 else {
            self.init(bytes: [UInt8](repeating: 0, count: 32), quality: 0)
            return
        }
        // Every element is written below, so the array is not zero-filled first.
        var luma = image.rgba.withUnsafeBufferPointer { pixels in
            [Float](unsafeUninitializedCapacity: rows * cols) { luma, initialized in
                for index in 0..<(rows * cols) {
                    let red = Double(pixels[index * 4])
                    let green = Double(pixels[index * 4 + 1])
                    let blue = Double(pixels[index * 4 + 2])
                    luma[index] = Float(red * 0.299 + green * 0.587 + blue * 0.114)
                }
                initialized = rows * cols
            }
        }
        let buffer = Self.downsample(&luma, rows: rows, cols: cols)
        let quality = Self.quality(buffer)
        let dct = Self.dct(buffer)
        let median = dct.sorted()[127]
        var bytes = [UInt8](repeating: 0, count: 32)
        for bit in 0..<256 where dct[bit] > median {
            bytes[31 - bit / 8] |= UInt8(1) << UInt8(bit % 8)
        }
        self.init(bytes: bytes, quality: quality)
    }
}
