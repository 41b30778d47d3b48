internal import CFileInfo
import ColophonCrypto
import Foundation

/// An open regular file and its size, read with `pread`: what image and model-file reading
/// share. Closed when the value goes away.
struct RegularFile: ~Copyable {
    let descriptor: Int32
    let size: Int

    /// Opens `path`; with `followLinks` false a symbolic link is refused rather than followed.
    /// Opening never blocks (a FIFO is refused, not waited on).
    init(path: String, followLinks: Bool = true) throws(MediaError) {
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followLinks ? 0 : O_NOFOLLOW)
        let descriptor = open(path, flags)
        guard descriptor >= 0 else { throw MediaError(.io, "cannot open \(path): \(String(cString: strerror(errno)))") }
        var size: Int64 = 0
        guard cfileinfo_fd(descriptor, &size) == 1 else {
            close(descriptor)
            throw MediaError(.io, "\(path) is not a regular file")
        }
        self.descriptor = descriptor
        self.size = Int(size)
    }

    deinit {
        close(descriptor)
    }

    /// Exactly `count` bytes from `offset`.
    func read(offset: Int, count: Int) throws(MediaError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress.map { $0 + done }, count - done, off_t(offset + done))
            }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else {
                throw MediaError(.truncated, "file ends at byte \(offset + done) of \(offset + count) wanted")
            }
            done += got
        }
        return bytes
    }

    /// SHA-256 of the whole file, read a megabyte at a time.
    func sha256() throws(MediaError) -> SHA256Digest {
        var hasher = SHA256Hasher()
        var offset = 0
        while offset < size {
            let count = min(1 << 20, size - offset)
            hasher.update(try read(offset: offset, count: count))
            offset += count
        }
        return hasher.finalize()
    }
}
