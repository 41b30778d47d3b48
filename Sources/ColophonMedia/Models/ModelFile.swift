import CZStream
import ColophonCrypto
public import ColophonRecords
import Foundation

/// A model or adapter weights file, hashed every way generators identify it, in one streamed
/// pass that keeps both cores busy: one lane runs the two SHA-256s (whole file and the
/// safetensors data section, which is AutoV3), the other BLAKE3 and CRC32.
public struct ModelFile: Sendable {
    public let path: String
    public let size: Int
    public let hashes: FileHashes
    /// The safetensors header; nil for other formats (`.ckpt`, `.pt`, `.gguf`).
    public let header: SafetensorsHeader?

    /// The file's name without folders.
    public var fileName: String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Bytes read per step.
    public static let chunkSize = 4 << 20

    /// Hashes the file at `path`. A file named `.safetensors` must have a valid header; for any
    /// other file a valid header is used when present. `progress` is told the bytes hashed so
    /// far after each chunk (a multi-gigabyte checkpoint takes a while).
    public init(path: String, progress: ((_ bytesHashed: Int, _ size: Int) -> Void)? = nil) throws(MediaError) {
        let file = try RegularFile(path: path)
        let size = file.size
        let header: SafetensorsHeader?
        do {
            header = try Self.readHeader(file)
        } catch {
            if path.lowercased().hasSuffix(".safetensors") { throw MediaError(error.code, "\(path): \(error.reason)") }
            header = nil
        }
        self.path = path
        self.size = size
        self.header = header
        self.hashes = try Self.hash(file, path: path, dataStart: header.map { 8 + $0.headerLength }) { done in
            progress?(done, size)
        }
    }

    static func readHeader(_ file: borrowing RegularFile) throws(MediaError) -> SafetensorsHeader {
        let lengthBytes = try file.read(offset: 0, count: 8)
        let length = try SafetensorsHeader.headerLength(lengthBytes, fileSize: file.size)
        return try SafetensorsHeader(prefix: lengthBytes + file.read(offset: 8, count: length), fileSize: file.size)
    }

    /// The two lanes' state; each lane touches only its own members.
    private final class Lanes: @unchecked Sendable {
        // Optional so that `finish` can take the non-copyable hashers out.
        var sha256: SHA256Hasher? = SHA256Hasher()
        var dataSHA256: SHA256Hasher? = SHA256Hasher()
        var autoV1: SHA256Hasher? = SHA256Hasher()
        var blake3 = BLAKE3()
        var crc: UInt = CZStream.crc32(0, nil, 0)
        var buffer: UnsafeMutableRawBufferPointer
        var count = 0
        var offset = 0
        let dataStart: Int?

        init(dataStart: Int?, capacity: Int) {
            self.dataStart = dataStart
            self.buffer = .allocate(byteCount: capacity, alignment: 64)
        }

        deinit { buffer.deallocate() }

        func runSHA() {
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            sha256?.update(chunk)
            if let dataStart, offset + count > dataStart {
                let from = max(0, dataStart - offset)
                dataSHA256?.update(UnsafeRawBufferPointer(rebasing: chunk[from...]))
            }
            let lower = max(offset, ModelFile.autoV1Range.lowerBound)
            let upper = min(offset + count, ModelFile.autoV1Range.upperBound)
            if lower < upper {
                autoV1?.update(UnsafeRawBufferPointer(rebasing: chunk[(lower - offset)..<(upper - offset)]))
            }
        }

        func runBLAKE3() {
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            blake3.update(chunk)
            if let base = chunk.baseAddress {
                crc = CZStream.crc32(crc, base.assumingMemoryBound(to: UInt8.self), UInt32(chunk.count))
            }
        }
    }

    /// Civitai's AutoV1 window: 64 KiB at 1 MiB.
    static let autoV1Range = 0x100000..<0x110000

    static func hash(
        _ file: borrowing RegularFile,
        path: String,
        dataStart: Int?,
        progress: (Int) -> Void = { _ in }
    ) throws(MediaError) -> FileHashes {
        let descriptor = file.descriptor
        let lanes = Lanes(dataStart: dataStart, capacity: chunkSize)
        var total = 0
        while true {
            let got = Glibc.read(descriptor, lanes.buffer.baseAddress, chunkSize)
            if got < 0 {
                if errno == EINTR { continue }
                throw MediaError(.io, "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if got == 0 { break }
            lanes.count = got
            lanes.offset = total
            DispatchQueue.concurrentPerform(iterations: 2) { lane in
                if lane == 0 { lanes.runSHA() } else { lanes.runBLAKE3() }
            }
            total += got
            progress(total)
        }
        let sha = lanes.sha256.take()?.finalize().hex ?? ""
        var hashes = FileHashes(sha256: sha, autov2: String(sha.prefix(10)))
        if total >= autoV1Range.upperBound {
            hashes.autov1 = (lanes.autoV1.take()?.finalize().hex).map { String($0.prefix(8)) }
        }
        if dataStart != nil { hashes.autov3 = lanes.dataSHA256.take()?.finalize().hex }
        hashes.blake3 = lanes.blake3.finalize().map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        hashes.crc32 = String(UInt32(truncatingIfNeeded: lanes.crc), radix: 16).leftPadded(to: 8)
        return hashes
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
