/// The 64 bits a watermark carries: an id the ledger records in the image's generation record
/// and indexes, so that a marked copy leads back to its record.
///
/// Written as 16 lower-case hexadecimal digits.
public struct WatermarkID: Hashable, Sendable, CustomStringConvertible, Comparable {
    public let value: UInt64

    public init(_ value: UInt64) {
        self.value = value
    }

    /// Parses 16 hexadecimal digits.
    public init?(_ text: some StringProtocol) {
        // Hex digits only: UInt64(_:radix:) would also take a sign.
        guard text.utf8.count == 16, text.utf8.allSatisfy({ Character(UnicodeScalar($0)).isHexDigit }),
            let value = UInt64(text, radix: 16)
        else { return nil }
        self.value = value
    }

    /// A fresh random id. With 64 random bits, two of a billion images share an id with
    /// probability about 2.7 % (birthday bound n²/2⁶⁵); a given image's id matches one of a
    /// billion others with probability 5.4·10⁻¹¹. The ledger also draws again if its own index
    /// already holds the id.
    public static func random() -> WatermarkID {
        var generator = SystemRandomNumberGenerator()
        return WatermarkID(generator.next())
    }

    public var description: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    public static func < (lhs: WatermarkID, rhs: WatermarkID) -> Bool { lhs.value < rhs.value }
}
