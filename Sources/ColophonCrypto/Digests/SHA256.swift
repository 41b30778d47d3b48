internal import COpenSSL
public import Foundation

/// SHA-256 (FIPS 180-4) over the system OpenSSL.
public enum SHA256 {
    /// The chunk size for hashing files: large enough to run at memory speed, small enough
    /// that a multi-gigabyte model file never sits in memory.
    public static let fileChunkSize = 1 << 20

    /// Hashes bytes in one call.
    public static func hash(_ bytes: some ContiguousBytes) -> SHA256Digest {
        bytes.withUnsafeBytes { hash(UnsafeRawBufferPointer($0)) }
    }

    /// Hashes the UTF-8 bytes of a string.
    public static func hash(utf8 text: String) -> SHA256Digest {
        var text = text
        return text.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
    }

    /// Hashes the bytes of raw memory.
    public static func hash(_ raw: UnsafeRawBufferPointer) -> SHA256Digest {
        var out = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        var length: UInt32 = 0
        let status = withUnsafeMutableBytes(of: &out) { outRaw in
            EVP_Digest(
                raw.baseAddress,
                raw.count,
                outRaw.baseAddress?.assumingMemoryBound(to: UInt8.self),
                &length,
                FetchedDigest.sha256.pointer,
                nil
            )
        }
        precondition(status == 1 && length == 32, "EVP_Digest(SHA-256) failed")
        return withUnsafeBytes(of: out) { SHA256Digest(unsafeBytes: $0) }
    }

    /// Hashes a file by streaming it in ``fileChunkSize`` chunks.
    ///
    /// - Throws: ``CryptoError`` with code `.io` naming the file when it cannot be read.
    public static func hash(fileAt path: String) throws -> SHA256Digest {
        var hasher = SHA256Hasher()
        try FileChunks.forEach(path: path, chunkSize: fileChunkSize) { hasher.update($0) }
        return hasher.finalize()
    }
}
