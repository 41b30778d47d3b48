/// Reads JUMBF boxes from bytes that may be hostile: every length checked against its parent,
/// nesting and box counts bounded, labels checked to be UTF-8 without the characters C2PA
/// forbids.
public struct JUMBFReader: Sendable {
    public var maximumDepth = 32
    public var maximumBoxes = 100_000

    public init() {}

    /// Reads the single superbox that fills `bytes` (a manifest store).
    ///
    /// - Throws: ``MediaError`` `.malformed` naming the problem and its offset.
    public func read(_ bytes: [UInt8]) throws(MediaError) -> JUMBFBox {
        var state = State(reader: self)
        let boxes = try state.boxes(bytes, 0..<bytes.count, depth: 0)
        guard boxes.count == 1, case .superbox = boxes[0] else {
            throw MediaError(.malformed, "JUMBF: expected one superbox, found \(boxes.count) boxes")
        }
        return boxes[0]
    }

    struct State {
        let reader: JUMBFReader
        var count = 0

        mutating func boxes(_ bytes: [UInt8], _ range: Range<Int>, depth: Int) throws(MediaError) -> [JUMBFBox] {
            guard depth <= reader.maximumDepth else {
                throw MediaError(.malformed, "JUMBF: boxes nest deeper than \(reader.maximumDepth)")
            }
            var out: [JUMBFBox] = []
            var offset = range.lowerBound
            while offset < range.upperBound {
                count += 1
                guard count <= reader.maximumBoxes else {
                    throw MediaError(.malformed, "JUMBF: more than \(reader.maximumBoxes) boxes")
                }
                guard range.upperBound - offset >= 8 else {
                    throw MediaError(.malformed, "JUMBF: a box header at byte \(offset) is truncated")
                }
                var length = Int(Self.u32(bytes, offset))
                let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
                var header = 8
                if length == 1 {
                    guard range.upperBound - offset >= 16 else {
                        throw MediaError(.malformed, "JUMBF: the extended length at byte \(offset) is truncated")
                    }
                    let extended = Self.u64(bytes, offset + 8)
                    guard extended <= UInt64(range.upperBound - offset) else {
                        throw MediaError(.malformed, "JUMBF: box '\(type)' at byte \(offset) overruns its parent")
                    }
                    length = Int(extended)
                    header = 16
                }
                guard length >= header, length <= range.upperBound - offset else {
                    throw MediaError(
                        .malformed,
                        "JUMBF: box '\(type)' at byte \(offset) declares \(length) bytes; \(range.upperBound - offset) remain"
                    )
                }
                let body = offset + header..<offset + length
                if type == "jumb" {
                    out.append(try superbox(bytes, body, depth: depth))
                } else {
                    out.append(.content(type: type, payload: Array(bytes[body])))
                }
                offset += length
            }
            return out
        }

        mutating func superbox(_ bytes: [UInt8], _ body: Range<Int>, depth: Int) throws(MediaError) -> JUMBFBox {
            guard body.count >= 8, Self.u32(bytes, body.lowerBound) >= 8,
                String(decoding: bytes[body.lowerBound + 4..<body.lowerBound + 8], as: UTF8.self) == "jumd"
            else {
                throw MediaError(
                    .malformed,
                    "JUMBF: the superbox at byte \(body.lowerBound - 8) does not start with a description box"
                )
            }
            let descriptionLength = Int(Self.u32(bytes, body.lowerBound))
            guard descriptionLength <= body.count else {
                throw MediaError(
                    .malformed,
                    "JUMBF: a description box at byte \(body.lowerBound) overruns its superbox"
                )
            }
            let description = try self.description(
                bytes,
                body.lowerBound + 8..<body.lowerBound + descriptionLength,
                depth: depth
            )
            let children = try boxes(bytes, body.lowerBound + descriptionLength..<body.upperBound, depth: depth + 1)
            return .superbox(description, children)
        }

        mutating func description(
            _ bytes: [UInt8],
            _ range: Range<Int>,
            depth: Int
        ) throws(MediaError) -> JUMBFDescription {
            guard range.count >= 17 else {
                throw MediaError(.malformed, "JUMBF: a description box at byte \(range.lowerBound - 8) is too short")
            }
            let type = Array(bytes[range.lowerBound..<range.lowerBound + 16])
            let toggles = bytes[range.lowerBound + 16]
            var offset = range.lowerBound + 17
            var label: String?
            if toggles & 0x02 != 0 {
                guard let end = bytes[offset..<range.upperBound].firstIndex(of: 0) else {
                    throw MediaError(.malformed, "JUMBF: a label at byte \(offset) is not NUL-terminated")
                }
                guard let text = String(validating: bytes[offset..<end], as: UTF8.self),
                    !text.unicodeScalars.contains(where: { $0.value < 0x20 || "/;?#".unicodeScalars.contains($0) })
                else {
                    throw MediaError(.malformed, "JUMBF: the label at byte \(offset) is not a valid C2PA label")
                }
                label = text
                offset = end + 1
            }
            var id: UInt32?
            if toggles & 0x04 != 0 {
                guard range.upperBound - offset >= 4 else {
                    throw MediaError(.malformed, "JUMBF: a box id is truncated")
                }
                id = Self.u32(bytes, offset)
                offset += 4
            }
            var signature: [UInt8]?
            if toggles & 0x08 != 0 {
                guard range.upperBound - offset >= 32 else {
                    throw MediaError(.malformed, "JUMBF: a description signature is truncated")
                }
                signature = Array(bytes[offset..<offset + 32])
                offset += 32
            }
            var privateBox: JUMBFBox?
            if toggles & 0x10 != 0 {
                let found = try boxes(bytes, offset..<range.upperBound, depth: depth + 1)
                guard found.count == 1 else {
                    throw MediaError(.malformed, "JUMBF: a description holds \(found.count) private boxes, not one")
                }
                privateBox = found[0]
                offset = range.upperBound
            }
            guard offset == range.upperBound else {
                throw MediaError(.malformed, "JUMBF: \(range.upperBound - offset) stray bytes end a description box")
            }
            return JUMBFDescription(
                type: type,
                label: label,
                id: id,
                signature: signature,
                privateBox: privateBox,
                requestable: toggles & 0x01 != 0
            )
        }

        static func u32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
            bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
        }

        static func u64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
            bytes[offset..<offset + 8].reduce(0) { $0 << 8 | UInt64($1) }
        }
    }
}
