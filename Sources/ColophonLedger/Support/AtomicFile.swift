import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that readers see the old bytes or the new ones, never half of either: a
/// temporary file in the same folder, flushed to disk, then renamed over the target.
public enum AtomicFile {
    /// Replaces (or creates) the file at `path` with `bytes`, keeping a replaced file's mode.
    ///
    /// - Throws: ``LedgerError`` `.badInput` when the folder cannot be written.
    public static func write(_ bytes: [UInt8], to path: String) throws(LedgerError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp").path
        // A file being replaced lends its permissions, set before any byte is written (the
        // temporary file starts private); a new file gets the usual 0644 less the umask.
        let existing = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? NSNumber
        let replacing = existing != nil
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, replacing ? 0o600 : 0o644)
        guard descriptor >= 0 else {
            throw LedgerError(.badInput, "cannot write next to \(path): \(String(cString: strerror(errno)))")
        }
        if let existing { fchmod(descriptor, mode_t(existing.uint16Value & 0o777)) }
        var written = 0
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let count = Glibc.write(descriptor, raw.baseAddress.map { $0 + written }, raw.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += count
            }
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw LedgerError(.storage, "cannot write \(path): \(String(cString: strerror(failure)))")
        }
    }
}
