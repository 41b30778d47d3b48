import Foundation

/// Files that hold secrets: created exclusively with mode 0600 from the first byte (never
/// world-readable, even for an instant) and flushed to disk.
public enum SecretFile {
    public static func create(_ bytes: [UInt8], at path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "it already exists" : String(cString: strerror(errno))
            throw LedgerError(.badInput, "cannot create \(path): \(reason)")
        }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw LedgerError(.storage, "cannot write \(path): \(reason)")
        }
    }
}
