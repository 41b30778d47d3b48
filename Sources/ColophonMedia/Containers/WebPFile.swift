/// A WebP file as its RIFF chunks. Adding XMP or EXIF to a simple (VP8/VP8L) file converts it
/// to the extended format: a VP8X chunk carrying the canvas size and the feature flags.
public struct WebPFile: Sendable {
    /// One RIFF chunk.
    public struct Chunk: Hashable, Sendable {
        /// The chunk's name exactly as stored: four bytes, not necessarily text.
        public var name: [UInt8]
        public var data: ArraySlice<UInt8>

        /// The name read as Latin-1, one character per byte, so every name round-trips.
        public var fourCC: String {
            String(String.UnicodeScalarView(name.map { Unicode.Scalar($0) }))
        }

        public init(name: [UInt8], data: ArraySlice<UInt8>) {
            self.name = name
            self.data = data
        }

        /// A chunk with an ASCII name (`"XMP "`, `"VP8X"`).
        public init(fourCC: String, data: ArraySlice<UInt8>) {
            self.init(name: fourCC.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }, data: data)
        }
    }

    public var chunks: [Chunk]

    static let xmpFlag: UInt8 = 0x04
    static let exifFlag: UInt8 = 0x08
    static let alphaFlag: UInt8 = 0x10

    public init(bytes: [UInt8]) throws(MediaError) {
        guard bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8)
        else {
            throw MediaError(.malformed, "not a WebP file (no RIFF/WEBP header)")
        }
        var reader = ByteReader(bytes, from: 4)
        let riffSize = Int(try reader.uint32LE("the RIFF size"))
        guard riffSize >= 4, riffSize + 8 <= bytes.count else {
            throw MediaError(.truncated, "the WebP declares \(riffSize + 8) bytes but the file has \(bytes.count)")
        }
        reader = ByteReader(bytes, from: 12, to: riffSize + 8)
        var chunks: [Chunk] = []
        while !reader.isAtEnd {
            let name = Array(try reader.take(4, "a chunk name"))
            let label =
                name.allSatisfy { (0x20...0x7E).contains($0) }
                ? String(decoding: name, as: UTF8.self) : "0x\(name.map { String($0, radix: 16) }.joined())"
            let size = Int(try reader.uint32LE("the \(label) chunk size"))
            let data = try reader.take(size, "the \(label) chunk")
            if size % 2 == 1, !reader.isAtEnd { try reader.skip(1, "chunk padding") }
            chunks.append(Chunk(name: name, data: data))
        }
        guard chunks.contains(where: { ["VP8 ", "VP8L", "VP8X"].contains($0.fourCC) }) else {
            throw MediaError(.malformed, "the WebP has no image chunk")
        }
        self.chunks = chunks
    }

    public func serialized() -> [UInt8] {
        var body: [UInt8] = Array("WEBP".utf8)
        for chunk in chunks {
            body.append(contentsOf: chunk.name)
            body.appendLE(UInt32(chunk.data.count))
            body.append(contentsOf: chunk.data)
            if chunk.data.count % 2 == 1 { body.append(0) }
        }
        var out: [UInt8] = Array("RIFF".utf8)
        out.appendLE(UInt32(body.count))
        out.append(contentsOf: body)
        return out
    }

    /// The EXIF chunk's TIFF structure (some writers prefix `Exif\0\0`; ``ExifData`` skips it).
    public var exif: [UInt8]? { chunks.first { $0.fourCC == "EXIF" }.map { Array($0.data) } }

    public var xmp: String? {
        chunks.first { $0.fourCC == "XMP " }.map { String(decoding: $0.data, as: UTF8.self) }
    }

    /// Canvas size from VP8X, VP8L or VP8 headers.
    public var dimensions: (width: Int, height: Int)? {
        if let header = chunks.first(where: { $0.fourCC == "VP8X" }), header.data.count >= 10 {
            let bytes = Array(header.data)
            return (Self.uint24(bytes, 4) + 1, Self.uint24(bytes, 7) + 1)
        }
        if let lossless = chunks.first(where: { $0.fourCC == "VP8L" }), lossless.data.count >= 5 {
            let bytes = Array(lossless.data)
            guard bytes[0] == 0x2F else { return nil }
            let bits = UInt32(bytes[1]) | UInt32(bytes[2]) << 8 | UInt32(bytes[3]) << 16 | UInt32(bytes[4]) << 24
            return (Int(bits & 0x3FFF) + 1, Int(bits >> 14 & 0x3FFF) + 1)
        }
        if let lossy = chunks.first(where: { $0.fourCC == "VP8 " }), lossy.data.count >= 10 {
            let bytes = Array(lossy.data)
            guard bytes[3] == 0x9D, bytes[4] == 0x01, bytes[5] == 0x2A else { return nil }
            let width = (Int(bytes[6]) | Int(bytes[7]) << 8) & 0x3FFF
            let height = (Int(bytes[8]) | Int(bytes[9]) << 8) & 0x3FFF
            return (width, height)
        }
        return nil
    }

    /// Replaces or adds the XMP chunk, converting a simple file to the extended format.
    public mutating func setXMP(_ packet: String) throws(MediaError) {
        try makeExtended()
        let chunk = Chunk(fourCC: "XMP ", data: Array(packet.utf8)[...])
        if let index = chunks.firstIndex(where: { $0.fourCC == "XMP " }) {
            chunks[index] = chunk
        } else {
            chunks.append(chunk)
        }
        try setFlag(Self.xmpFlag)
    }

    private mutating func setFlag(_ flag: UInt8) throws(MediaError) {
        guard let index = chunks.firstIndex(where: { $0.fourCC == "VP8X" }), !chunks[index].data.isEmpty else {
            throw MediaError(.malformed, "the WebP has no VP8X chunk")
        }
        var data = Array(chunks[index].data)
        data[0] |= flag
        chunks[index].data = data[...]
    }

    private mutating func makeExtended() throws(MediaError) {
        if chunks.contains(where: { $0.fourCC == "VP8X" }) { return }
        guard let (width, height) = dimensions, width > 0, height > 0 else {
            throw MediaError(.malformed, "the WebP's image header gives no canvas size")
        }
        var flags: UInt8 = 0
        if let lossless = chunks.first(where: { $0.fourCC == "VP8L" }), lossless.data.count >= 5,
            Array(lossless.data)[4] & 0x10 != 0
        {
            flags |= Self.alphaFlag
        }
        if chunks.contains(where: { $0.fourCC == "EXIF" }) { flags |= Self.exifFlag }
        var data: [UInt8] = [flags, 0, 0, 0]
        data.append(contentsOf: Self.uint24Bytes(width - 1))
        data.append(contentsOf: Self.uint24Bytes(height - 1))
        chunks.insert(Chunk(fourCC: "VP8X", data: data[...]), at: 0)
    }

    static func uint24(_ bytes: [UInt8], _ at: Int) -> Int {
        Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16
    }

    static func uint24Bytes(_ value: Int) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF)]
    }
}
