/// A JPEG file as its marker segments up to the first scan, plus the scan data and everything
/// after it kept byte for byte. Metadata segments can be read, replaced or added without
/// re-encoding the image.
public struct JPEGFile: Sendable {
    /// The segments between SOI and the first SOS.
    public var segments: [JPEGSegment]
    /// From the SOS marker to the end of the file, untouched.
    public var scan: ArraySlice<UInt8>

    /// The largest payload a segment can hold (its length field counts itself).
    public static let maxPayload = 65_533

    public init(bytes: [UInt8]) throws(MediaError) {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else {
            throw MediaError(.malformed, "not a JPEG file (no SOI marker)")
        }
        var reader = ByteReader(bytes, from: 2)
        var segments: [JPEGSegment] = []
        while true {
            var marker = try reader.uint8("a marker")
            guard marker == 0xFF else {
                throw MediaError(.malformed, "expected a JPEG marker at byte \(reader.offset - 1)")
            }
            while marker == 0xFF { marker = try reader.uint8("a marker") }
            if marker == JPEGSegment.startOfScan {
                scan = bytes[(reader.offset - 2)...]
                break
            }
            if marker == 0xD9 {
                throw MediaError(.malformed, "the JPEG ends (EOI) before any image data")
            }
            if (0xD0...0xD7).contains(marker) || marker == 0x01 { continue }
            let length = Int(try reader.uint16BE("a segment length"))
            guard length >= 2 else { throw MediaError(.malformed, "a JPEG segment declares length \(length)") }
            let payload = try reader.take(length - 2, "a JPEG segment (marker 0x\(String(marker, radix: 16)))")
            segments.append(JPEGSegment(marker: marker, payload: payload))
        }
        self.segments = segments
    }

    public func serialized() -> [UInt8] {
        var out: [UInt8] = [0xFF, 0xD8]
        out.reserveCapacity(scan.count + segments.reduce(2) { $0 + $1.payload.count + 4 })
        for segment in segments {
            out.append(0xFF)
            out.append(segment.marker)
            out.appendBE(UInt16(segment.payload.count + 2))
            out.append(contentsOf: segment.payload)
        }
        out.append(contentsOf: scan)
        return out
    }

    /// The EXIF block (TIFF structure, without the `Exif\0\0` header).
    public var exif: [UInt8]? {
        segments.first { $0.isExif }.map { Array($0.payload.dropFirst(JPEGSegment.exifHeader.count)) }
    }

    /// The standard XMP packet (extended parts are in ``extendedXMP``).
    public var xmp: String? {
        guard let main = segments.first(where: { $0.isXMP }) else { return nil }
        return String(decoding: main.payload.dropFirst(JPEGSegment.xmpHeader.count), as: UTF8.self)
    }

    /// The extended XMP packet, if the file has one: parts sharing a 32-character GUID,
    /// placed at their offsets in a buffer of the declared full length.
    public var extendedXMP: String? {
        var parts: [String: [(offset: Int, data: ArraySlice<UInt8>, total: Int)]] = [:]
        for segment in segments where segment.isExtendedXMP {
            var reader = ByteReader(Array(segment.payload), from: JPEGSegment.extendedXMPHeader.count)
            guard let guid = try? reader.take(32, "GUID"), let total = try? reader.uint32BE("length"),
                let offset = try? reader.uint32BE("offset")
            else { continue }
            let data = Array(segment.payload)[reader.offset...]
            parts[String(decoding: guid, as: UTF8.self), default: []].append((Int(offset), data, Int(total)))
        }
        guard let (_, pieces) = parts.first, let total = pieces.first?.total, total <= 16 << 20 else { return nil }
        var buffer = [UInt8](repeating: 0, count: total)
        for piece in pieces where piece.offset + piece.data.count <= total {
            buffer.replaceSubrange(piece.offset..<(piece.offset + piece.data.count), with: piece.data)
        }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Every COM segment's text.
    public var comments: [String] {
        segments.filter { $0.marker == JPEGSegment.comment }.map {
            String(validating: $0.payload, as: UTF8.self) ?? PNGFile.latin1($0.payload)
        }
    }

    /// Replaces the standard XMP packet, or adds one after the APP0/EXIF segments.
    public mutating func setXMP(_ packet: String) throws(MediaError) {
        var payload = JPEGSegment.xmpHeader
        payload.append(contentsOf: Array(packet.utf8))
        guard payload.count <= Self.maxPayload else {
            throw MediaError(
                .tooLarge,
                "the XMP packet is \(payload.count) bytes; one JPEG segment holds \(Self.maxPayload)"
            )
        }
        let segment = JPEGSegment(marker: JPEGSegment.app1, payload: payload[...])
        if let index = segments.firstIndex(where: { $0.isXMP }) {
            segments[index] = segment
        } else {
            let leading = segments.prefix { $0.marker == JPEGSegment.app0 || $0.isExif }.count
            segments.insert(segment, at: leading)
        }
    }
}

extension JPEGFile {
    /// Width and height from the first start-of-frame segment.
    public var dimensions: (width: Int, height: Int)? {
        let frames: Set<UInt8> = [0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF]
        guard let frame = segments.first(where: { frames.contains($0.marker) }), frame.payload.count >= 5 else {
            return nil
        }
        let bytes = Array(frame.payload)
        return (Int(bytes[3]) << 8 | Int(bytes[4]), Int(bytes[1]) << 8 | Int(bytes[2]))
    }
}
