internal import CZStream
import Foundation

/// zlib and gzip through the system library, always with an output limit: a compressed text
/// chunk or stealth payload must not expand into gigabytes.
enum Zlib {
    /// Inflates a zlib stream (or, with `gzip`, a gzip stream).
    static func inflate(_ input: ArraySlice<UInt8>, limit: Int, gzip: Bool = false) throws(MediaError) -> [UInt8] {
        var stream = z_stream()
        let windowBits: Int32 = gzip ? 15 + 16 : 15
        guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw MediaError(.malformed, "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let source = Array(input)
        var status: Int32 = Z_OK
        source.withUnsafeBufferPointer { inputBuffer in
            stream.next_in = UnsafeMutablePointer(mutating: inputBuffer.baseAddress)
            stream.avail_in = UInt32(inputBuffer.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    status = CZStream.inflate(&stream, Z_NO_FLUSH)
                    let produced = out.count - Int(stream.avail_out)
                    output.append(contentsOf: out[0..<produced])
                }
            } while status == Z_OK && output.count <= limit && (stream.avail_in > 0 || stream.avail_out == 0)
        }
        guard output.count <= limit else {
            throw MediaError(.tooLarge, "compressed data expands beyond \(limit) bytes")
        }
        guard status == Z_STREAM_END else {
            throw MediaError(.malformed, "compressed data is corrupt or truncated")
        }
        return output
    }

    /// Deflates data as a zlib stream, by default as hard as zlib can.
    static func deflate(_ input: [UInt8], level: Int32 = 9) throws(MediaError) -> [UInt8] {
        var length = compressBound(UInt(input.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = output.withUnsafeMutableBufferPointer { out in
            input.withUnsafeBufferPointer { compress2(out.baseAddress, &length, $0.baseAddress, UInt($0.count), level) }
        }
        guard status == Z_OK else { throw MediaError(.malformed, "zlib could not compress") }
        return Array(output[0..<Int(length)])
    }

    /// The CRC-32 (IEEE) of bytes, as PNG chunks use it.
    static func crc32(_ parts: ArraySlice<UInt8>...) -> UInt32 {
        var crc = CZStream.crc32(0, nil, 0)
        for part in parts {
            crc = part.withUnsafeBufferPointer { CZStream.crc32(crc, $0.baseAddress, UInt32($0.count)) }
        }
        return UInt32(crc)
    }

    /// Continues a CRC-32 over more bytes (start from 0), for data that arrives in pieces.
    static func crc32(_ crc: UInt32, _ data: Data) -> UInt32 {
        data.withUnsafeBytes { raw in
            UInt32(
                CZStream.crc32(
                    UInt(crc),
                    raw.baseAddress?.assumingMemoryBound(to: UInt8.self),
                    UInt32(raw.count)
                )
            )
        }
    }
}
