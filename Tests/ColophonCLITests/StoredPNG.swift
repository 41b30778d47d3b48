import ColophonMedia
import Foundation

/// PNGs whose pixels sit uncompressed in the IDAT (deflate stored blocks), so a test can
/// change one pixel byte and still have a valid PNG: only the zlib Adler-32 and the chunk CRC
/// need fixing, as an editor that changed one pixel would write them.
enum StoredPNG {
    /// The fixture's pixels and its text chunks, re-written with stored blocks.
    static func make(from png: [UInt8]) throws -> [UInt8] {
        let image = try ImageDecoder.decode(png)
        var raw: [UInt8] = []
        raw.reserveCapacity((image.width * 4 + 1) * image.height)
        for row in 0..<image.height {
            raw.append(0)
            raw += image.rgba[(row * image.width * 4)..<((row + 1) * image.width * 4)]
        }
        var header = be32(UInt32(image.width)) + be32(UInt32(image.height))
        header += [8, 6, 0, 0, 0]
        var out = PNGFile.signature + chunk("IHDR", header)
        for text in try PNGFile(bytes: png).chunks where text.type == "tEXt" || text.type == "iTXt" {
            out += chunk(text.type, Array(text.data))
        }
        out += chunk("IDAT", zlibStored(raw))
        out += chunk("IEND", [])
        return out
    }

    /// Adds one to the red byte of pixel (x, 0) and fixes the Adler-32 and the CRC.
    static func flipPixel(_ png: [UInt8], x: Int = 10) throws -> [UInt8] {
        var bytes = png
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = Int(bytes[offset..<(offset + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            if type == "IDAT" {
                let data = offset + 8
                // zlib header (2), stored block header (5), filter byte (1), then RGBA.
                bytes[data + 2 + 5 + 1 + 4 * x] &+= 1
                var raw: [UInt8] = []
                var at = data + 2
                while at < data + length - 4 {
                    let final = bytes[at] & 1 == 1
                    let size = Int(bytes[at + 1]) | Int(bytes[at + 2]) << 8
                    raw += bytes[(at + 5)..<(at + 5 + size)]
                    at += 5 + size
                    if final { break }
                }
                let checksum = be32(adler32(raw))
                bytes.replaceSubrange((data + length - 4)..<(data + length), with: checksum)
                let crc = be32(crc32(Array(bytes[(offset + 4)..<(data + length)])))
                bytes.replaceSubrange((data + length)..<(data + length + 4), with: crc)
                return bytes
            }
            offset += 12 + length
        }
        throw CocoaError(.fileReadCorruptFile)
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return be32(UInt32(data.count)) + body + be32(crc32(body))
    }

    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let end = min(data.count, start + 65_535)
            let count = end - start
            out += [end == data.count ? 1 : 0, UInt8(count & 0xFF), UInt8(count >> 8)]
            out += [UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            out += data[start..<end]
            start = end
        } while start < data.count
        return out + be32(adler32(data))
    }

    static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func be32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
