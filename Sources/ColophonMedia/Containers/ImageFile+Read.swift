import Foundation

extension ImageFile {
    /// The bytes of the file at `path`, read with one `fstat` and `read` calls: reading many
    /// small images, Foundation's `Data(contentsOf:)` costs more than parsing them.
    public static func readBytes(path: String, limit: Int) throws(MediaError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw MediaError(.io, "cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw MediaError(.io, "\(path) is not a regular file")
        }
        let size = Int(status.st_size)
        guard size <= limit else {
            throw MediaError(.tooLarge, "\(path): \(size) bytes, more than the \(limit)-byte limit")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let count = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress.map { $0 + done }, size - done)
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                if count == 0 { break }
                throw MediaError(.io, "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            done += count
        }
        return done == size ? bytes : Array(bytes[0..<done])
    }
}
