internal import COpenSSL

/// Checks an RFC 3161 TimeStampResp against the request it answers and the TSA roots one
/// trusts: status granted, the imprint and nonce of the request, and the token's signature
/// and certificate chain. Signature checking is switched on explicitly: a context derived from
/// a request leaves it off in OpenSSL 3.0, and would accept any signature.
public enum TimestampVerifier {
    /// Verifies `response` (DER) against `request` (DER) with `roots` (PEM certificates, one
    /// or more) as trust anchors, and returns the token's generation time as OpenSSL prints it.
    ///
    /// - Throws: ``CryptoError`` naming what does not hold.
    public static func verify(response: [UInt8], request: [UInt8], roots: String) throws -> String {
        OpenSSLErrorQueue.clear()
        let parsedRequest = request.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            return d2i_TS_REQ(nil, &cursor, buffer.count)
        }
        guard let parsedRequest else {
            throw OpenSSLErrorQueue.error(.invalidSignatureEncoding, "the time-stamp request is not DER")
        }
        defer { TS_REQ_free(parsedRequest) }
        guard let context = TS_REQ_to_TS_VERIFY_CTX(parsedRequest, nil) else {
            throw OpenSSLErrorQueue.error(.library, "cannot make a verification context")
        }
        return try verify(response: response, context: context, roots: roots)
    }

    /// Verifies a stored token (DER TimeStampResp) for data whose SHA-256 is `digest`: the
    /// imprint must be that digest; the nonce is not checked (it proved freshness when the
    /// token was fetched).
    public static func verify(response: [UInt8], sha256 digest: SHA256Digest, roots: String) throws -> String {
        OpenSSLErrorQueue.clear()
        guard let context = TS_VERIFY_CTX_new() else {
            throw OpenSSLErrorQueue.error(.library, "cannot make a verification context")
        }
        guard let imprint = CRYPTO_malloc(digest.bytes.count, "colophon", 0)?.assumingMemoryBound(to: UInt8.self) else {
            TS_VERIFY_CTX_free(context)
            throw OpenSSLErrorQueue.error(.library, "out of memory")
        }
        for (offset, byte) in digest.bytes.enumerated() { imprint[offset] = byte }
        // The context owns the imprint from here.
        _ = TS_VERIFY_CTX_set_imprint(context, imprint, Int(digest.bytes.count))
        _ = TS_VERIFY_CTX_set_flags(context, Int32(TS_VFY_VERSION | TS_VFY_IMPRINT))
        return try verify(response: response, context: context, roots: roots)
    }

    /// Adds the signature check and the roots to `context` (which it frees) and verifies.
    private static func verify(response: [UInt8], context: OpaquePointer, roots: String) throws -> String {
        defer { TS_VERIFY_CTX_free(context) }
        let parsedResponse = response.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            return d2i_TS_RESP(nil, &cursor, buffer.count)
        }
        guard let parsedResponse else {
            throw OpenSSLErrorQueue.error(.invalidSignatureEncoding, "the time-stamp response is not DER")
        }
        defer { TS_RESP_free(parsedResponse) }
        _ = TS_VERIFY_CTX_add_flags(context, Int32(TS_VFY_SIGNATURE))
        guard let store = X509_STORE_new() else { throw OpenSSLErrorQueue.error(.library, "X509_STORE_new failed") }
        // The context owns the store from here (OpenSSL 3.0).
        _ = TS_VERIFY_CTX_set_store(context, store)
        let anchors = try certificates(roots)
        defer { for certificate in anchors { X509_free(certificate) } }
        for certificate in anchors where X509_STORE_add_cert(store, certificate) != 1 {
            throw OpenSSLErrorQueue.error(.invalidKey, "cannot trust the TSA root")
        }
        guard !anchors.isEmpty else { throw OpenSSLErrorQueue.error(.invalidKey, "no TSA root certificate given") }
        guard TS_RESP_verify_response(context, parsedResponse) == 1 else {
            throw OpenSSLErrorQueue.error(.invalidSignatureEncoding, "the time-stamp token does not verify")
        }
        guard let info = TS_RESP_get_tst_info(parsedResponse), let time = TS_TST_INFO_get_time(info) else {
            return ""
        }
        // The imprint's bytes were compared; its algorithm must be SHA-256 too.
        guard let imprint = TS_TST_INFO_get_msg_imprint(info), let algorithm = TS_MSG_IMPRINT_get_algo(imprint),
            OBJ_obj2nid(algorithm.pointee.algorithm) == NID_sha256
        else {
            throw OpenSSLErrorQueue.error(.invalidSignatureEncoding, "the token's imprint is not a SHA-256 digest")
        }
        return generalizedTime(time)
    }

    /// How many certificates a PEM text holds: a configured TSA needs at least one root.
    public static func certificateCount(_ pem: String) -> Int {
        guard let found = try? certificates(pem) else { return 0 }
        for certificate in found { X509_free(certificate) }
        return found.count
    }

    /// The certificates in a PEM text.
    static func certificates(_ pem: String) throws -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        let bytes = Array(pem.utf8)
        try bytes.withUnsafeBufferPointer { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else {
                throw OpenSSLErrorQueue.error(.library, "BIO_new_mem_buf failed")
            }
            defer { BIO_free(bio) }
            while let certificate = PEM_read_bio_X509(bio, nil, nil, nil) {
                result.append(certificate)
            }
            ERR_clear_error()  // the end of the PEM text queues "no start line"
        }
        return result
    }

    static func generalizedTime(_ time: UnsafePointer<ASN1_GENERALIZEDTIME>) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        guard ASN1_GENERALIZEDTIME_print(bio, time) == 1 else { return "" }
        var pointer: UnsafeMutablePointer<CChar>?
        let length = copenssl_BIO_get_mem_data(bio, &pointer)
        guard let pointer, length > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: Int(length)), as: UTF8.self)
    }
}
