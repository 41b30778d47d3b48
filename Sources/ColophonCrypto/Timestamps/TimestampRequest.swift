internal import COpenSSL

/// An RFC 3161 TimeStampReq for a SHA-256 digest: what is sent to a time-stamping authority,
/// and kept beside its answer, since the answer is checked against it (imprint and nonce).
public enum TimestampRequest {
    /// DER of a version-1 request for `digest`, with a random 64-bit nonce, asking the TSA to
    /// include its certificate.
    public static func make(sha256 digest: SHA256Digest) throws -> [UInt8] {
        OpenSSLErrorQueue.clear()
        guard let request = TS_REQ_new() else { throw OpenSSLErrorQueue.error(.library, "TS_REQ_new failed") }
        defer { TS_REQ_free(request) }
        guard let imprint = TS_MSG_IMPRINT_new(), let algorithm = X509_ALGOR_new() else {
            throw OpenSSLErrorQueue.error(.library, "cannot allocate the message imprint")
        }
        defer {
            TS_MSG_IMPRINT_free(imprint)
            X509_ALGOR_free(algorithm)
        }
        var digestBytes = digest.bytes
        let messageSet = digestBytes.withUnsafeMutableBufferPointer {
            TS_MSG_IMPRINT_set_msg(imprint, $0.baseAddress, Int32($0.count))
        }
        guard X509_ALGOR_set0(algorithm, OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nil) == 1,
            TS_MSG_IMPRINT_set_algo(imprint, algorithm) == 1,
            messageSet == 1,
            TS_REQ_set_version(request, 1) == 1,
            TS_REQ_set_msg_imprint(request, imprint) == 1,
            TS_REQ_set_cert_req(request, 1) == 1
        else {
            throw OpenSSLErrorQueue.error(.library, "cannot build the time-stamp request")
        }
        let nonceBytes = try SecureRandom.bytes(8)
        guard let nonce = BN_bin2bn(nonceBytes, Int32(nonceBytes.count), nil) else {
            throw OpenSSLErrorQueue.error(.library, "cannot make the nonce")
        }
        defer { BN_free(nonce) }
        guard let integer = BN_to_ASN1_INTEGER(nonce, nil) else {
            throw OpenSSLErrorQueue.error(.library, "cannot encode the nonce")
        }
        defer { ASN1_INTEGER_free(integer) }
        guard TS_REQ_set_nonce(request, integer) == 1 else {
            throw OpenSSLErrorQueue.error(.library, "cannot set the nonce")
        }
        let length = i2d_TS_REQ(request, nil)
        guard length > 0 else { throw OpenSSLErrorQueue.error(.library, "cannot encode the request") }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_TS_REQ(request, &cursor)
        }
        guard written == length else { throw OpenSSLErrorQueue.error(.library, "cannot encode the request") }
        return der
    }
}
