/// A PNG file as its chunk sequence: read with every CRC checked, edited by inserting or
/// replacing ancillary chunks, and written back without touching the compressed pixels.
public struct PNGFile: Sendable {
    /// The eight bytes every PNG starts with.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// The largest inflated text chunk accepted: metadata, not a decompression bomb.
    public static let maxTextBytes = 16 << 20
    /// The most text all of a file's chunks may inflate to together: hundreds of chunks each
    /// just under the per-chunk limit are a bomb too.
    public static let maxTotalTextBytes = 32 << 20

    public var chunks: [PNGChunk]

    public init(chunks: [PNGChunk]) {
        self.chunks = chunks
    }

    /// Parses a PNG's chunk structure. The file must start with the signature, begin with
    /// `IHDR`, end with `IEND`, and every chunk's CRC must match.
    public init(bytes: [UInt8]) throws(MediaError) {
        guard bytes.count >= 8, Array(bytes[0..<8]) == Self.signature else {
            throw MediaError(.malformed, "not a PNG file (bad signature)")
        }
        var reader = ByteReader(bytes, from: 8)
        var chunks: [PNGChunk] = []
        while true {
            if reader.isAtEnd {
                throw MediaError(.truncated, "the PNG ends without an IEND chunk")
            }
            let length = try reader.uint32BE("a chunk length")
            guard length <= 0x7FFF_FFFF else {
                throw MediaError(.malformed, "a PNG chunk declares length \(length), beyond the format's 2^31-1")
            }
            let typeBytes = try reader.take(4, "a chunk type")
            guard typeBytes.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
                throw MediaError(.malformed, "a PNG chunk type is not four ASCII letters")
            }
            let type = String(decoding: typeBytes, as: UTF8.self)
            let data = try reader.take(Int(length), "the \(type) chunk")
            let storedCRC = try reader.uint32BE("the \(type) chunk's CRC")
            guard Zlib.crc32(typeBytes, data) == storedCRC else {
                throw MediaError(.malformed, "the \(type) chunk's CRC does not match its contents")
            }
            if chunks.isEmpty, type != "IHDR" {
                throw MediaError(.malformed, "the PNG's first chunk is \(type), not IHDR")
            }
            chunks.append(PNGChunk(type: type, data: data))
            if type == "IEND" { break }
        }
        self.chunks = chunks
    }

    /// The file's bytes: signature, then each chunk with its length and CRC.
    public func serialized() -> [UInt8] {
        var out = Self.signature
        out.reserveCapacity(chunks.reduce(8) { $0 + $1.data.count + 12 })
        for chunk in chunks {
            let typeBytes = Array(chunk.type.utf8)
            out.appendBE(UInt32(chunk.data.count))
            out.append(contentsOf: typeBytes)
            out.append(contentsOf: chunk.data)
            out.appendBE(Zlib.crc32(typeBytes[...], chunk.data))
        }
        return out
    }

    /// Width and height from `IHDR`.
    public var dimensions: (width: Int, height: Int)? {
        guard let header = chunks.first, header.type == "IHDR", header.data.count >= 8 else { return nil }
        var reader = ByteReader(Array(header.data))
        guard let width = try? reader.uint32BE("width"), let height = try? reader.uint32BE("height") else {
            return nil
        }
        return (Int(width), Int(height))
    }

    /// Every text chunk, decoded. A chunk that cannot be decoded (bad compression, no keyword)
    /// is reported through `problems` rather than failing the whole file.
    ///
    /// With `keyword`, only chunks of that keyword are decoded (the keyword is stored
    /// uncompressed, so the others are never inflated).
    public func texts(keyword: String? = nil, problems: inout [String]) -> [PNGText] {
        var result: [PNGText] = []
        var budget = Self.maxTotalTextBytes
        for chunk in chunks where ["tEXt", "zTXt", "iTXt"].contains(chunk.type) {
            if let keyword, Self.keyword(of: chunk) != keyword { continue }
            do {
                let text = try Self.decodeText(chunk, limit: min(Self.maxTextBytes, budget))
                budget = max(0, budget - text.text.utf8.count)
                if !text.isValidEncoding {
                    problems.append(
                        "\(chunk.type) \(text.keyword): text is not valid UTF-8; read with replacement characters"
                    )
                }
                result.append(text)
            } catch {
                problems.append("\(chunk.type) chunk: \(error.reason)")
            }
        }
        return result
    }

    /// Every decodable text chunk.
    public var texts: [PNGText] {
        var ignored: [String] = []
        return texts(problems: &ignored)
    }

    /// The decodable text chunks of one keyword, without inflating any other.
    public func texts(keyword: String) -> [PNGText] {
        var ignored: [String] = []
        return texts(keyword: keyword, problems: &ignored)
    }

    /// Inserts a text chunk, replacing any text chunk with the same keyword. New chunks go
    /// before the first `IDAT`, where every reader looks for them.
    public mutating func setText(_ text: PNGText) throws(MediaError) {
        let chunk = try Self.encodeText(text)
        let kinds: Set<String> = ["tEXt", "zTXt", "iTXt"]
        if let index = chunks.firstIndex(where: { kinds.contains($0.type) && Self.keyword(of: $0) == text.keyword }) {
            chunks[index] = chunk
            chunks.removeAll { existing in
                kinds.contains(existing.type) && Self.keyword(of: existing) == text.keyword && existing != chunk
            }
        } else {
            let position = chunks.firstIndex { $0.type == "IDAT" } ?? max(chunks.count - 1, 0)
            chunks.insert(chunk, at: position)
        }
    }

    /// Removes every text chunk with a keyword.
    public mutating func removeText(keyword: String) {
        chunks.removeAll { ["tEXt", "zTXt", "iTXt"].contains($0.type) && Self.keyword(of: $0) == keyword }
    }

    private static func keyword(of chunk: PNGChunk) -> String? {
        guard let end = chunk.data.firstIndex(of: 0) else { return nil }
        return String(decoding: chunk.data[chunk.data.startIndex..<end], as: UTF8.self)
    }
}
