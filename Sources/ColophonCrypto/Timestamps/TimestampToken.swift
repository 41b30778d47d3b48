internal import COpenSSL
public import Foundation

/// An RFC 3161 TimeStampToken (the CMS SignedData inside a TimeStampResp), as C2PA carries
/// it in a signature's `sigTst2` header.
public enum TimestampToken {
    /// The token inside a granted TimeStampResp.
    ///
    /// - Throws: ``CryptoError`` when the response is not DER or holds no token.
    public static func token(fromResponse response: [UInt8]) throws -> [UInt8] {
        OpenSSLErrorQueue.clear()
        let parsed = response.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            return d2i_TS_RESP(nil, &cursor, buffer.count)
        }
        guard let parsed else { throw OpenSSLErrorQueue.error(.invalidSignatureEncoding, "the TSA answer is not DER") }
        defer { TS_RESP_free(parsed) }
        guard let token = TS_RESP_get_token(parsed) else {
            throw CryptoError(.invalidSignatureEncoding, "the TSA answer holds no token")
        }
        let length = i2d_PKCS7(token, nil)
        guard length > 0 else { throw OpenSSLErrorQueue.error(.library, "cannot encode the token") }
        var der = [UInt8](repeating: 0, count: Int(length))
        _ = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_PKCS7(token, &cursor)
        }
        return der
    }

    /// Verifies a token over data whose SHA-256 is `digest` against `roots`, and returns its
    /// time. The TSA's chain is checked at that time, not now: a token keeps proving when a
    /// signature was made after the TSA's own certificate expires.
    ///
    /// - Throws: ``CryptoError`` naming what does not hold.
    public static func verify(token: [UInt8], sha256 digest: SHA256Digest, roots: [Certificate]) throws -> Date {
        guard token.count <= 1 << 20 else { throw CryptoError(.invalidSignatureEncoding, "the token is over 1 MiB") }
        OpenSSLErrorQueue.clear()
        let parsed = token.withUnsafeBufferPointer { buffer -> UnsafeMutablePointer<PKCS7>? in
            var cursor = buffer.baseAddress
            return d2i_PKCS7(nil, &cursor, buffer.count)
        }
        guard let parsed else {
            throw OpenSSLErrorQueue.error(.invalidSignatureEncoding, "the time-stamp token is not DER CMS")
        }
        defer { PKCS7_free(parsed) }
        guard let context = TS_VERIFY_CTX_new() else {
            throw OpenSSLErrorQueue.error(.library, "cannot make a verification context")
        }
        defer { TS_VERIFY_CTX_free(context) }
        guard let imprint = CRYPTO_malloc(digest.bytes.count, "colophon", 0)?.assumingMemoryBound(to: UInt8.self) else {
            throw OpenSSLErrorQueue.error(.library, "out of memory")
        }
        for (offset, byte) in digest.bytes.enumerated() { imprint[offset] = byte }
        _ = TS_VERIFY_CTX_set_imprint(context, imprint, Int(digest.bytes.count))
        _ = TS_VERIFY_CTX_set_flags(context, Int32(TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_SIGNATURE))
        let time = try generationTime(parsed)
        guard let store = X509_STORE_new() else { throw OpenSSLErrorQueue.error(.library, "X509_STORE_new failed") }
        _ = TS_VERIFY_CTX_set_store(context, store)
        if let parameters = X509_STORE_get0_param(store) {
            X509_VERIFY_PARAM_set_time(parameters, time_t(time.timeIntervalSince1970))
        }
        for root in roots where X509_STORE_add_cert(store, root.pointer) != 1 {
            throw OpenSSLErrorQueue.error(.library, "cannot trust \(root.subject)")
        }
        guard TS_RESP_verify_token(context, parsed) == 1 else {
            throw OpenSSLErrorQueue.error(.untrusted, "the time-stamp token does not verify against the anchors")
        }
        return time
    }

    /// The genTime of a parsed token.
    private static func generationTime(_ token: UnsafeMutablePointer<PKCS7>) throws -> Date {
        guard let info = PKCS7_to_TS_TST_INFO(token) else {
            throw OpenSSLErrorQueue.error(.invalidSignatureEncoding, "the token holds no TSTInfo")
        }
        defer { TS_TST_INFO_free(info) }
        guard let time = TS_TST_INFO_get_time(info) else {
            throw CryptoError(.invalidSignatureEncoding, "the token has no time")
        }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else {
            throw CryptoError(.invalidSignatureEncoding, "the token's time does not parse")
        }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}
