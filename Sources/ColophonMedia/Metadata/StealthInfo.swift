/// Text hidden in the least significant bits of the pixels ("stealth pnginfo"), as Forge,
/// A1111 extensions and NovelAI write it so that it survives metadata stripping. Pixels are
/// read column by column (x outer, y inner), bits most significant first: a 15-byte signature,
/// a 32-bit big-endian payload length in bits, then the payload (gzip for the `comp` kinds).
public enum StealthInfo {
    /// Payloads larger than this are refused.
    public static let maxPayloadBytes = 8 << 20

    /// The hidden text, nil when the image carries none, or an error when a signature is
    /// present but what follows is broken.
    public static func read(_ image: DecodedImage) throws(MediaError) -> String? {
        if image.source.hasAlpha,
            let text = try read(image, channels: [3], signatures: ("stealth_pnginfo", "stealth_pngcomp"))
        {
            return text
        }
        return try read(image, channels: [0, 1, 2], signatures: ("stealth_rgbinfo", "stealth_rgbcomp"))
    }

    private static func read(
        _ image: DecodedImage,
        channels: [Int],
        signatures: (plain: String, compressed: String)
    ) throws(MediaError) -> String? {
        var bits = BitStream(image: image, channels: channels)
        let signatureLength = signatures.plain.utf8.count
        guard bits.available >= signatureLength * 8 + 32 else { return nil }
        var signature: [UInt8] = []
        for _ in 0..<signatureLength { signature.append(UInt8(bits.next(8))) }
        let compressed: Bool
        switch signature {
        case Array(signatures.plain.utf8): compressed = false
        case Array(signatures.compressed.utf8): compressed = true
        default: return nil
        }
        let bitLength = bits.next(32)
        guard bitLength % 8 == 0, bitLength / 8 <= maxPayloadBytes else {
            throw MediaError(.malformed, "stealth metadata: declared length of \(bitLength) bits is not usable")
        }
        guard bitLength <= bits.available else {
            throw MediaError(.truncated, "stealth metadata: \(bitLength) bits declared, \(bits.available) in the image")
        }
        var payload: [UInt8] = []
        payload.reserveCapacity(bitLength / 8)
        for _ in 0..<(bitLength / 8) { payload.append(UInt8(bits.next(8))) }
        if compressed { payload = try Zlib.inflate(payload[...], limit: maxPayloadBytes, gzip: true) }
        guard let text = String(validating: payload, as: UTF8.self) else {
            throw MediaError(.malformed, "stealth metadata: payload is not UTF-8")
        }
        return text
    }

    /// The low bits of the chosen channels, column-major.
    private struct BitStream {
        let image: DecodedImage
        let channels: [Int]
        var x = 0
        var y = 0
        var channel = 0

        init(image: DecodedImage, channels: [Int]) {
            self.image = image
            self.channels = channels
        }

        var available: Int {
            let consumed = (x * image.height + y) * channels.count + channel
            return image.width * image.height * channels.count - consumed
        }

        mutating func next(_ count: Int) -> Int {
            var value = 0
            for _ in 0..<count {
                let offset = (y * image.width + x) * 4 + channels[channel]
                value = value << 1 | Int(image.rgba[offset] & 1)
                channel += 1
                if channel == channels.count {
                    channel = 0
                    y += 1
                    if y == image.height {
                        y = 0
                        x += 1
                    }
                }
            }
            return value
        }
    }
}
