internal import COpenSSL
public import Foundation

/// A set of trust anchors that a certificate chain is checked against (RFC 5280 path
/// validation by OpenSSL, at a given time).
public struct CertificateTrust: Sendable {
    public var anchors: [Certificate]

    public init(anchors: [Certificate]) {
        self.anchors = anchors
    }

    /// Builds a path from `leaf` through `intermediates` to one of the anchors, valid at `date`.
    ///
    /// - Returns: the path, leaf first, ending with the anchor.
    /// - Throws: ``CryptoError`` `.untrusted` with OpenSSL's reason (expired, unknown issuer, …).
    public func verify(leaf: Certificate, intermediates: [Certificate], at date: Date) throws -> [Certificate] {
        guard !anchors.isEmpty else { throw CryptoError(.untrusted, "no trust anchor is configured") }
        OpenSSLErrorQueue.clear()
        guard let store = X509_STORE_new() else { throw OpenSSLErrorQueue.error(.library, "X509_STORE_new failed") }
        defer { X509_STORE_free(store) }
        for anchor in anchors where X509_STORE_add_cert(store, anchor.pointer) != 1 {
            throw OpenSSLErrorQueue.error(.library, "cannot add the anchor \(anchor.subject)")
        }
        guard let untrusted = copenssl_x509_stack_new() else {
            throw OpenSSLErrorQueue.error(.library, "cannot make a certificate stack")
        }
        defer { copenssl_x509_stack_free(untrusted) }
        for certificate in intermediates {
            // The stack frees what it holds: give it its own reference.
            guard X509_up_ref(certificate.pointer) == 1 else {
                throw OpenSSLErrorQueue.error(.library, "X509_up_ref failed")
            }
            guard copenssl_x509_stack_push(untrusted, certificate.pointer) > 0 else {
                X509_free(certificate.pointer)
                throw OpenSSLErrorQueue.error(.library, "cannot stack an intermediate")
            }
        }
        guard let context = X509_STORE_CTX_new() else {
            throw OpenSSLErrorQueue.error(.library, "X509_STORE_CTX_new failed")
        }
        defer { X509_STORE_CTX_free(context) }
        guard X509_STORE_CTX_init(context, store, leaf.pointer, untrusted) == 1 else {
            throw OpenSSLErrorQueue.error(.library, "X509_STORE_CTX_init failed")
        }
        X509_STORE_CTX_set_time(context, 0, time_t(date.timeIntervalSince1970.rounded(.down)))
        guard X509_verify_cert(context) == 1 else {
            let code = X509_STORE_CTX_get_error(context)
            let reason = X509_verify_cert_error_string(Int(code)).map { String(cString: $0) } ?? "error \(code)"
            let depth = X509_STORE_CTX_get_error_depth(context)
            OpenSSLErrorQueue.clear()
            throw CryptoError(.untrusted, "the chain of \(leaf.subject) does not verify at depth \(depth): \(reason)")
        }
        guard let chain = X509_STORE_CTX_get0_chain(context) else { return [leaf] }
        var path: [Certificate] = []
        for index in 0..<copenssl_x509_stack_count(chain) {
            guard let certificate = copenssl_x509_stack_get(chain, index), X509_up_ref(certificate) == 1 else {
                continue
            }
            path.append(try Certificate(taking: certificate))
        }
        return path
    }
}
