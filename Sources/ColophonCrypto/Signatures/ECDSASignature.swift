internal import COpenSSL

/// Conversions between the two ECDSA signature encodings: DER `ECDSA-Sig-Value` (X.509,
/// OpenSSL) and fixed-width `r || s` (COSE, JWS).
enum ECDSASignature {
    static func raw(fromDER der: [UInt8]) throws -> [UInt8] {
        let signature = der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            return d2i_ECDSA_SIG(nil, &cursor, buffer.count)
        }
        guard let signature else {
            throw OpenSSLErrorQueue.error(.invalidSignatureEncoding, "the ECDSA signature is not valid DER")
        }
        defer { ECDSA_SIG_free(signature) }
        var r: OpaquePointer?
        var s: OpaquePointer?
        ECDSA_SIG_get0(signature, &r, &s)
        let width = P256.coordinateByteCount
        var out = [UInt8](repeating: 0, count: 2 * width)
        let status = out.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return BN_bn2binpad(r, base, Int32(width)) == width && BN_bn2binpad(s, base + width, Int32(width)) == width
        }
        guard status else {
            throw OpenSSLErrorQueue.error(
                .invalidSignatureEncoding,
                "the ECDSA signature values are too large for P-256"
            )
        }
        return out
    }

    /// DER from `r || s` of two `width`-byte integers (32 for P-256, 48 for P-384, 66 for P-521).
    static func der(fromRaw raw: [UInt8], width: Int = P256.coordinateByteCount) throws -> [UInt8] {
        guard raw.count == 2 * width else {
            throw CryptoError(
                .invalidSignatureEncoding,
                "a raw ECDSA signature for this curve is \(2 * width) bytes, got \(raw.count)"
            )
        }
        guard let signature = ECDSA_SIG_new() else {
            throw OpenSSLErrorQueue.error(.library, "ECDSA_SIG_new failed")
        }
        defer { ECDSA_SIG_free(signature) }
        let r = raw.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, Int32(width), nil) }
        let s = raw.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress.map { $0 + width }, Int32(width), nil) }
        guard let r, let s, ECDSA_SIG_set0(signature, r, s) == 1 else {
            BN_free(r)
            BN_free(s)
            throw OpenSSLErrorQueue.error(.library, "cannot build an ECDSA signature")
        }
        let length = i2d_ECDSA_SIG(signature, nil)
        guard length > 0 else {
            throw OpenSSLErrorQueue.error(.library, "cannot encode an ECDSA signature")
        }
        var der = [UInt8](repeating: 0, count: Int(length))
        _ = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_ECDSA_SIG(signature, &cursor)
        }
        return der
    }
}
