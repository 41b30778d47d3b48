internal import COpenSSL
import Foundation

extension EVPKey {
    /// PKCS#8 PEM of the private key; encrypted with AES-256-CBC under PBES2 when a
    /// passphrase is given.
    func privateKeyPEM(passphrase: String?) throws -> String {
        try withWriteBIO { bio in
            if let passphrase {
                guard let cipher = EVP_CIPHER_fetch(nil, "AES-256-CBC", nil) else {
                    throw OpenSSLErrorQueue.error(.library, "OpenSSL has no AES-256-CBC")
                }
                defer { EVP_CIPHER_free(cipher) }
                let status = passphrase.withCString { phrase in
                    PEM_write_bio_PKCS8PrivateKey(
                        bio,
                        pointer,
                        cipher,
                        nil,
                        0,
                        nil,
                        UnsafeMutableRawPointer(mutating: phrase)
                    )
                }
                guard status == 1 else {
                    throw OpenSSLErrorQueue.error(.library, "cannot write the encrypted private key")
                }
            } else {
                guard PEM_write_bio_PKCS8PrivateKey(bio, pointer, nil, nil, 0, nil, nil) == 1 else {
                    throw OpenSSLErrorQueue.error(.library, "cannot write the private key")
                }
            }
        }
    }

    /// SPKI PEM ("PUBLIC KEY") of the public half.
    func publicKeyPEM() throws -> String {
        try withWriteBIO { bio in
            guard PEM_write_bio_PUBKEY(bio, pointer) == 1 else {
                throw OpenSSLErrorQueue.error(.library, "cannot write the public key")
            }
        }
    }

    /// Loads a PKCS#8 private key (plain or encrypted) from PEM text.
    ///
    /// Never prompts on a terminal: an encrypted key without a passphrase is an error.
    static func fromPrivateKeyPEM(_ pem: String, passphrase: String?) throws -> EVPKey {
        let isEncrypted = pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
        guard pem.contains("PRIVATE KEY-----") else {
            throw CryptoError(.invalidKey, "no PEM private key block (expected -----BEGIN PRIVATE KEY-----)")
        }
        if isEncrypted && passphrase == nil {
            throw CryptoError(.passphrase, "the private key is encrypted and no passphrase was given")
        }
        OpenSSLErrorQueue.clear()
        let key = try withReadBIO(pem) { bio -> OpaquePointer? in
            (passphrase ?? "").withCString { phrase in
                PEM_read_bio_PrivateKey(bio, nil, passphraseCallback, UnsafeMutableRawPointer(mutating: phrase))
            }
        }
        guard let key else {
            if isEncrypted {
                throw OpenSSLErrorQueue.error(
                    .passphrase,
                    "cannot decrypt the private key: wrong passphrase or damaged PEM"
                )
            }
            throw OpenSSLErrorQueue.error(.invalidKey, "the PEM private key is malformed or truncated")
        }
        return EVPKey(taking: key)
    }

    /// Loads an SPKI public key from PEM text.
    static func fromPublicKeyPEM(_ pem: String) throws -> EVPKey {
        guard pem.contains("-----BEGIN PUBLIC KEY-----") else {
            throw CryptoError(.invalidKey, "no PEM public key block (expected -----BEGIN PUBLIC KEY-----)")
        }
        OpenSSLErrorQueue.clear()
        let key = try withReadBIO(pem) { bio in
            PEM_read_bio_PUBKEY(bio, nil, nil, nil)
        }
        guard let key else {
            throw OpenSSLErrorQueue.error(.invalidKey, "the PEM public key is malformed or truncated")
        }
        return EVPKey(taking: key)
    }

    private func withWriteBIO(_ body: (OpaquePointer) throws -> Void) throws -> String {
        guard let bio = BIO_new(BIO_s_mem()) else {
            throw OpenSSLErrorQueue.error(.library, "BIO_new failed")
        }
        defer { BIO_free(bio) }
        try body(bio)
        var data: UnsafeMutablePointer<CChar>?
        let length = copenssl_BIO_get_mem_data(bio, &data)
        guard length > 0, let data else {
            throw OpenSSLErrorQueue.error(.library, "OpenSSL wrote no PEM")
        }
        let bytes = UnsafeRawBufferPointer(start: data, count: length)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func withReadBIO<Result>(
        _ text: String,
        _ body: (OpaquePointer) throws -> Result
    ) throws -> Result {
        var text = text
        return try text.withUTF8 { utf8 in
            // BIO_new_mem_buf does not copy: the BIO must not outlive this closure.
            guard let bio = BIO_new_mem_buf(utf8.baseAddress, Int32(clamping: utf8.count)) else {
                throw OpenSSLErrorQueue.error(.library, "BIO_new_mem_buf failed")
            }
            defer { BIO_free(bio) }
            return try body(bio)
        }
    }
}

/// Hands OpenSSL the passphrase passed through `userData` (a NUL-terminated string).
/// A C callback cannot capture, so the passphrase travels through the context pointer.
private let passphraseCallback:
    @convention(c) (
        UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?
    ) -> Int32 = { buffer, size, _, userData in
        guard let buffer, let userData else { return -1 }
        let phrase = userData.assumingMemoryBound(to: CChar.self)
        let length = strlen(phrase)
        guard length > 0, length <= Int(size) else { return -1 }
        buffer.update(from: phrase, count: length)
        return Int32(length)
    }
