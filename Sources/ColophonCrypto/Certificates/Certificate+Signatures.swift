internal import COpenSSL

extension Certificate {
    /// The COSE signature algorithms C2PA allows (C2PA 2.2 §13.2).
    public enum SignatureScheme: Int64, Sendable, CaseIterable {
        case es256 = -7
        case es384 = -35
        case es512 = -36
        case ps256 = -37
        case ps384 = -38
        case ps512 = -39
        case eddsa = -8

        var isPSS: Bool { self == .ps256 || self == .ps384 || self == .ps512 }

        var digest: String? {
            switch self {
            case .es256, .ps256: "SHA256"
            case .es384, .ps384: "SHA384"
            case .es512, .ps512: "SHA512"
            case .eddsa: nil
            }
        }
    }

    /// What the certified key is: the algorithm as OpenSSL names it ("EC", "RSA", "RSA-PSS",
    /// "ED25519"), its size in bits and, for EC, its curve.
    public struct KeyInfo: Hashable, Sendable {
        public var algorithm: String
        public var bits: Int
        public var curve: String?
    }

    /// The certified key's algorithm, size and curve.
    public var keyInfo: KeyInfo {
        guard let key = X509_get0_pubkey(pointer) else {
            OpenSSLErrorQueue.clear()
            return KeyInfo(algorithm: "unknown", bits: 0)
        }
        let algorithm = EVP_PKEY_get0_type_name(key).map { String(cString: $0) } ?? "unknown"
        var curve: String?
        var buffer = [CChar](repeating: 0, count: 64)
        var length = 0
        if EVP_PKEY_get_utf8_string_param(key, "group", &buffer, buffer.count, &length) == 1 {
            curve = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        OpenSSLErrorQueue.clear()
        return KeyInfo(algorithm: algorithm, bits: Int(EVP_PKEY_get_bits(key)), curve: curve)
    }

    /// Whether this certificate certifies the public half of `key`.
    public func certifies(_ key: SigningKey) -> Bool {
        guard let certified = X509_get0_pubkey(pointer) else { return false }
        return EVP_PKEY_eq(certified, key.evpKey.pointer) == 1
    }

    /// Checks a COSE signature made with the certified key: ECDSA as raw `r‖s`, RSA-PSS with
    /// a salt as long as the digest, Ed25519 pure.
    ///
    /// - Throws: ``CryptoError`` `.wrongKeyType` when the key cannot make signatures of
    ///   `scheme`, `.invalidSignatureEncoding` for an ECDSA signature of the wrong length.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8], scheme: SignatureScheme) throws -> Bool {
        guard let key = X509_get0_pubkey(pointer) else {
            throw OpenSSLErrorQueue.error(.invalidCertificate, "the certificate's public key does not decode")
        }
        let info = keyInfo
        var encoded = signature
        switch scheme {
        case .es256, .es384, .es512:
            guard info.algorithm == "EC" else {
                throw CryptoError(.wrongKeyType, "an \(info.algorithm) key cannot make \(scheme) signatures")
            }
            encoded = try ECDSASignature.der(fromRaw: signature, width: (info.bits + 7) / 8)
        case .ps256, .ps384, .ps512:
            guard info.algorithm == "RSA" || info.algorithm == "RSA-PSS" else {
                throw CryptoError(.wrongKeyType, "an \(info.algorithm) key cannot make \(scheme) signatures")
            }
        case .eddsa:
            guard info.algorithm == "ED25519" else {
                throw CryptoError(.wrongKeyType, "an \(info.algorithm) key cannot make EdDSA signatures here")
            }
        }
        guard let context = EVP_MD_CTX_new() else { throw OpenSSLErrorQueue.error(.library, "EVP_MD_CTX_new failed") }
        defer { EVP_MD_CTX_free(context) }
        var keyContext: OpaquePointer?
        guard EVP_DigestVerifyInit_ex(context, &keyContext, scheme.digest, nil, nil, key, nil) == 1 else {
            throw OpenSSLErrorQueue.error(.library, "cannot start verifying a \(scheme) signature")
        }
        guard scheme.isPSS else { return verify(context, encoded, message) }
        guard EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) == 1,
            EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, RSA_PSS_SALTLEN_DIGEST) == 1
        else {
            throw OpenSSLErrorQueue.error(.library, "cannot set RSA-PSS padding")
        }
        return verify(context, encoded, message)
    }

    private func verify(_ context: OpaquePointer, _ signature: [UInt8], _ message: [UInt8]) -> Bool {
        let result = EVP_DigestVerify(context, signature, signature.count, message, message.count)
        OpenSSLErrorQueue.clear()
        return result == 1
    }
}
