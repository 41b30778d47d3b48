extension PNGFile {
    /// Decodes `tEXt` (Latin-1), `zTXt` (compressed Latin-1) and `iTXt` (UTF-8, optionally
    /// compressed). Keywords are Latin-1 of 1 to 79 bytes. Compressed text inflates to at most
    /// `limit` bytes.
    static func decodeText(_ chunk: PNGChunk, limit: Int = maxTextBytes) throws(MediaError) -> PNGText {
        let data = chunk.data
        guard let nul = data.firstIndex(of: 0) else {
            throw MediaError(.malformed, "no NUL after the keyword")
        }
        let keywordBytes = data[data.startIndex..<nul]
        guard (1...79).contains(keywordBytes.count) else {
            throw MediaError(.malformed, "the keyword is \(keywordBytes.count) bytes; PNG allows 1 to 79")
        }
        let keyword = latin1(keywordBytes)
        let rest = data[(nul + 1)...]
        switch chunk.type {
        case "tEXt":
            return PNGText(keyword: keyword, text: latin1(rest), kind: .text)
        case "zTXt":
            guard let method = rest.first else { throw MediaError(.truncated, "no compression method") }
            guard method == 0 else { throw MediaError(.unsupported, "compression method \(method)") }
            let inflated = try Zlib.inflate(rest.dropFirst(), limit: limit)
            return PNGText(keyword: keyword, text: latin1(inflated[...]), kind: .compressedText)
        default:
            var cursor = rest.startIndex
            guard rest.count >= 2 else { throw MediaError(.truncated, "no compression flag and method") }
            let compressed = rest[cursor]
            let method = rest[cursor + 1]
            cursor += 2
            guard let languageEnd = rest[cursor...].firstIndex(of: 0) else {
                throw MediaError(.truncated, "no NUL after the language tag")
            }
            guard let translatedEnd = rest[(languageEnd + 1)...].firstIndex(of: 0) else {
                throw MediaError(.truncated, "no NUL after the translated keyword")
            }
            var body = Array(rest[(translatedEnd + 1)...])
            if compressed == 1 {
                guard method == 0 else { throw MediaError(.unsupported, "compression method \(method)") }
                body = try Zlib.inflate(body[...], limit: limit)
            } else if compressed != 0 {
                throw MediaError(.malformed, "compression flag \(compressed)")
            }
            if let text = String(validating: body, as: UTF8.self) {
                return PNGText(keyword: keyword, text: text, kind: .internationalText)
            }
            return PNGText(
                keyword: keyword,
                text: String(decoding: body, as: UTF8.self),
                kind: .internationalText,
                isValidEncoding: false
            )
        }
    }

    /// Encodes a text chunk of the requested kind. `tEXt` and `zTXt` need Latin-1 text.
    static func encodeText(_ text: PNGText) throws(MediaError) -> PNGChunk {
        guard let keyword = latin1Bytes(text.keyword), (1...79).contains(keyword.count), !keyword.contains(0) else {
            throw MediaError(.malformed, "the PNG keyword \"\(text.keyword)\" is not 1 to 79 Latin-1 characters")
        }
        var data = keyword
        data.append(0)
        switch text.kind {
        case .text, .compressedText:
            guard let body = latin1Bytes(text.text) else {
                throw MediaError(.malformed, "the text for \"\(text.keyword)\" is not Latin-1; use iTXt")
            }
            if text.kind == .text {
                data.append(contentsOf: body)
                return PNGChunk(type: "tEXt", data: data[...])
            }
            data.append(0)
            data.append(contentsOf: try Zlib.deflate(body))
            return PNGChunk(type: "zTXt", data: data[...])
        case .internationalText:
            data.append(contentsOf: [0, 0, 0, 0])
            data.append(contentsOf: Array(text.text.utf8))
            return PNGChunk(type: "iTXt", data: data[...])
        }
    }

    /// ISO-8859-1 to a String: bytes below 0x80 are already UTF-8; the others become two
    /// UTF-8 bytes each.
    static func latin1(_ bytes: ArraySlice<UInt8>) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            if byte < 0x80 {
                utf8.append(byte)
            } else {
                utf8.append(0xC0 | byte >> 6)
                utf8.append(0x80 | byte & 0x3F)
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    static func latin1Bytes(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            guard scalar.value <= 0xFF else { return nil }
            out.append(UInt8(scalar.value))
        }
        return out
    }
}
