import Foundation

/// Crash-safe file writes in the Tessera POSIX manner: write a temporary file in the same
/// directory, fsync it, then link (for immutable files) or rename (for replaceable ones) it
/// into place, and fsync the directory. A crash leaves either the old file or the new one.
public enum AtomicFile {
    /// Writes a file that must never change: if it exists with the same bytes this is a no-op;
    /// if it exists with other bytes, that is a fork and an error.
    ///
    /// - Returns: whether the file was written (false when it already existed).
    @discardableResult
    public static func writeImmutable(_ bytes: [UInt8], to path: String) throws -> Bool {
        if let existing = FileManager.default.contents(atPath: path) {
            guard Array(existing) == bytes else {
                throw LogError(.inconsistent, "\(path) already exists with different content")
            }
            return false
        }
        try createParent(of: path)
        let temporary = try writeTemporary(bytes, beside: path)
        defer { unlink(temporary) }
        if link(temporary, path) != 0 {
            let error = errno
            if error == EEXIST, let existing = FileManager.default.contents(atPath: path), Array(existing) == bytes {
                return false
            }
            throw LogError(.malformedTile, "cannot create \(path): \(String(cString: strerror(error)))")
        }
        return true
    }

    /// Replaces a file's content atomically.
    public static func replace(_ bytes: [UInt8], at path: String) throws {
        try createParent(of: path)
        let temporary = try writeTemporary(bytes, beside: path)
        guard rename(temporary, path) == 0 else {
            let error = errno
            unlink(temporary)
            throw LogError(.malformedTile, "cannot replace \(path): \(String(cString: strerror(error)))")
        }
        try syncDirectory((path as NSString).deletingLastPathComponent)
    }

    /// Flushes a directory's entries to disk so created or renamed files survive a crash.
    public static func syncDirectory(_ path: String) throws {
        let descriptor = open(path.isEmpty ? "." : path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw LogError(.malformedTile, "cannot open directory \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw LogError(.malformedTile, "cannot sync directory \(path): \(String(cString: strerror(errno)))")
        }
    }

    private static func createParent(of path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) else { return }
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
    }

    private static func writeTemporary(_ bytes: [UInt8], beside path: String) throws -> String {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw LogError(.malformedTile, "cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == 0 && fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        guard failure == 0 else {
            unlink(temporary)
            throw LogError(.malformedTile, "cannot write \(temporary): \(String(cString: strerror(failure)))")
        }
        return temporary
    }
}
