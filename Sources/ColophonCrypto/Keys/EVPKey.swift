internal import COpenSSL

/// Owns one OpenSSL `EVP_PKEY`.
///
/// `@unchecked Sendable`: the key is never mutated after construction, its reference count
/// is atomic, and OpenSSL 3 allows concurrent signing and verifying with one key as long as
/// each operation uses its own `EVP_MD_CTX` (openssl-threads(7)), which every method here does.
final class EVPKey: @unchecked Sendable {
    let pointer: OpaquePointer
    let templates = ContextTemplates()

    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// The algorithm of the key, as OpenSSL names it ("ED25519", "EC", ...).
    var typeName: String {
        guard let name = EVP_PKEY_get0_type_name(pointer) else { return "unknown" }
        return String(cString: name)
    }

    /// Makes a new key of the named algorithm (and curve, for EC).
    static func generate(algorithm: String, group: String? = nil) throws -> EVPKey {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, algorithm, nil) else {
            throw OpenSSLErrorQueue.error(.library, "cannot create a \(algorithm) key generator")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1 else {
            throw OpenSSLErrorQueue.error(.library, "cannot initialise \(algorithm) key generation")
        }
        if let group {
            guard EVP_PKEY_CTX_set_group_name(context, group) == 1 else {
                throw OpenSSLErrorQueue.error(.library, "cannot select curve \(group)")
            }
        }
        var key: OpaquePointer?
        guard EVP_PKEY_generate(context, &key) == 1, let key else {
            throw OpenSSLErrorQueue.error(.library, "\(algorithm) key generation failed")
        }
        return EVPKey(taking: key)
    }

    /// The DER SubjectPublicKeyInfo of the key's public half.
    func subjectPublicKeyInfoDER() -> [UInt8] {
        let length = i2d_PUBKEY(pointer, nil)
        guard length > 0 else {
            OpenSSLErrorQueue.clear()
            return []
        }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_PUBKEY(pointer, &cursor)
        }
        precondition(written == length, "i2d_PUBKEY wrote a different length than it announced")
        return der
    }

    /// Loads a public key from DER SubjectPublicKeyInfo.
    static func fromSubjectPublicKeyInfo(der: [UInt8]) throws -> EVPKey {
        try der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            guard let key = d2i_PUBKEY(nil, &cursor, buffer.count) else {
                throw OpenSSLErrorQueue.error(.invalidKey, "the bytes are not a DER SubjectPublicKeyInfo")
            }
            guard cursor == buffer.baseAddress.map({ $0 + buffer.count }) else {
                EVP_PKEY_free(key)
                throw CryptoError(.invalidKey, "trailing bytes after the DER SubjectPublicKeyInfo")
            }
            return EVPKey(taking: key)
        }
    }

    /// Signs a message with `EVP_DigestSign`; `digest` is nil for Ed25519 (which hashes itself).
    func sign(_ message: UnsafeRawBufferPointer, digest: String?) throws -> [UInt8] {
        guard let context = templates.context(for: pointer, verify: false, digest: digest) else {
            throw OpenSSLErrorQueue.error(.library, "cannot initialise signing with a \(typeName) key")
        }
        defer { EVP_MD_CTX_free(context) }
        let base = message.baseAddress?.assumingMemoryBound(to: UInt8.self)
        var length = 0
        guard EVP_DigestSign(context, nil, &length, base, message.count) == 1 else {
            throw OpenSSLErrorQueue.error(.library, "cannot size a \(typeName) signature")
        }
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(context, &signature, &length, base, message.count) == 1 else {
            throw OpenSSLErrorQueue.error(.library, "\(typeName) signing failed")
        }
        signature.removeSubrange(length...)
        return signature
    }

    /// Verifies a signature; anything but OpenSSL's 1 is "invalid", and the error queue is
    /// cleared so a rejected signature leaves nothing behind.
    func verify(_ signature: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer, digest: String?) -> Bool {
        guard let context = templates.context(for: pointer, verify: true, digest: digest) else {
            OpenSSLErrorQueue.clear()
            return false
        }
        defer { EVP_MD_CTX_free(context) }
        let result = EVP_DigestVerify(
            context,
            signature.baseAddress?.assumingMemoryBound(to: UInt8.self),
            signature.count,
            message.baseAddress?.assumingMemoryBound(to: UInt8.self),
            message.count
        )
        if result != 1 {
            OpenSSLErrorQueue.clear()
        }
        return result == 1
    }
}
