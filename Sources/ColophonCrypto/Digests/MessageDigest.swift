internal import COpenSSL

/// The SHA-2 digests C2PA names by string (`sha256`, `sha384`, `sha512`), one-shot.
public enum MessageDigest {
    /// The digest of `bytes` with the named algorithm; nil for a name C2PA does not allow.
    public static func hash(_ bytes: [UInt8], algorithm: String) -> [UInt8]? {
        let name: String
        switch algorithm {
        case "sha256": return SHA256.hash(bytes).bytes
        case "sha384": name = "SHA384"
        case "sha512": name = "SHA512"
        default: return nil
        }
        guard let digest = EVP_MD_fetch(nil, name, nil) else {
            OpenSSLErrorQueue.clear()
            return nil
        }
        defer { EVP_MD_free(digest) }
        var out = [UInt8](repeating: 0, count: 64)
        var length: UInt32 = 0
        guard EVP_Digest(bytes, bytes.count, &out, &length, digest, nil) == 1 else {
            OpenSSLErrorQueue.clear()
            return nil
        }
        return Array(out[..<Int(length)])
    }

    /// A streaming digest over pieces, for file bindings that skip excluded ranges.
    public static func hash(pieces: [ArraySlice<UInt8>], algorithm: String) -> [UInt8]? {
        let name: String
        switch algorithm {
        case "sha256": name = "SHA256"
        case "sha384": name = "SHA384"
        case "sha512": name = "SHA512"
        default: return nil
        }
        guard let digest = EVP_MD_fetch(nil, name, nil), let context = EVP_MD_CTX_new() else {
            OpenSSLErrorQueue.clear()
            return nil
        }
        defer {
            EVP_MD_free(digest)
            EVP_MD_CTX_free(context)
        }
        guard EVP_DigestInit_ex2(context, digest, nil) == 1 else { return nil }
        for piece in pieces {
            let status = piece.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
            guard status == 1 else { return nil }
        }
        var out = [UInt8](repeating: 0, count: 64)
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &out, &length) == 1 else { return nil }
        return Array(out[..<Int(length)])
    }
}
