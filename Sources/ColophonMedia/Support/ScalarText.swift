/// Text as an array of Unicode scalars for grammar code that indexes by scalar, with the UTF-8
/// offset of each so substrings are made from bytes: building Strings scalar by scalar is
/// what made metadata parsing slow.
struct ScalarText {
    let scalars: [Unicode.Scalar]
    private let utf8: [UInt8]
    /// `offsets[i]` is the UTF-8 offset of scalar `i`; one extra entry for the end.
    private let offsets: [Int]

    init(_ text: some StringProtocol) {
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        scalars.reserveCapacity(text.utf8.count)
        offsets.reserveCapacity(text.utf8.count + 1)
        var offset = 0
        for scalar in text.unicodeScalars {
            scalars.append(scalar)
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        self.scalars = scalars
        self.offsets = offsets
        self.utf8 = Array(text.utf8)
    }

    var count: Int { scalars.count }

    subscript(index: Int) -> Unicode.Scalar { scalars[index] }

    /// The text of scalars `range`.
    func string(_ range: Range<Int>) -> String {
        String(decoding: utf8[offsets[range.lowerBound]..<offsets[range.upperBound]], as: UTF8.self)
    }
}

extension StringProtocol {
    /// `contains` for ASCII needles on the UTF-8 bytes, without the generic string searcher.
    func containsASCII(_ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let first = pattern.first else { return true }
        let bytes = Array(utf8)
        guard bytes.count >= pattern.count else { return false }
        var index = 0
        while index <= bytes.count - pattern.count {
            if bytes[index] == first, pattern.indices.allSatisfy({ bytes[index + $0] == pattern[$0] }) { return true }
            index += 1
        }
        return false
    }
}

extension StringProtocol {
    /// Splits on an ASCII separator byte, on the UTF-8 bytes: `split(separator:)` on a String
    /// walks grapheme clusters, which costs far more than the parsing around it.
    func splitASCII(_ separator: Unicode.Scalar, maxSplits: Int = .max, omittingEmpty: Bool = true) -> [String] {
        let byte = UInt8(truncatingIfNeeded: separator.value)
        let bytes = Array(utf8)
        var parts: [String] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == byte, parts.count < maxSplits {
                if !(omittingEmpty && index == start) {
                    parts.append(String(decoding: bytes[start..<index], as: UTF8.self))
                }
                start = index + 1
            }
            index += 1
        }
        if !(omittingEmpty && start == bytes.count) {
            parts.append(String(decoding: bytes[start..<bytes.count], as: UTF8.self))
        }
        return parts
    }
}

extension Unicode.Scalar {
    /// Python's `\w` for str patterns: letters, digits and numerics of any script, and `_`,
    /// with an ASCII fast path (Unicode property lookups are slow).
    var isWordCharacter: Bool {
        if isASCII {
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
                || value == 0x5F
        }
        return properties.isAlphabetic || properties.numericType != nil
    }
}
