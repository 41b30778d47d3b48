internal import COpenSSL
public import Foundation

extension Certificate {
    /// Issues an X.509 v3 certificate for `publicKey`, signed by `signingKey`: the issuer's
    /// key, or the subject's own for a self-signed root (`issuer` nil). ECDSA issuers sign
    /// with SHA-256; Ed25519 issuers sign pure Ed25519.
    ///
    /// - Throws: ``CryptoError`` when a name, an extension or the signature cannot be made.
    public static func issue(
        commonName: String,
        organization: String? = nil,
        publicKey: VerifyingKey,
        profile: CertificateProfile,
        issuer: Certificate?,
        signingKey: SigningKey,
        notBefore: Date,
        days: Int
    ) throws -> Certificate {
        guard days > 0, days <= 36_500 else {
            throw CryptoError(.invalidCertificate, "a validity of \(days) days is not between 1 and 36500")
        }
        guard !commonName.isEmpty, commonName.utf8.count <= 64 else {
            throw CryptoError(.invalidCertificate, "a common name must have 1 to 64 bytes")
        }
        OpenSSLErrorQueue.clear()
        guard let certificate = X509_new() else { throw OpenSSLErrorQueue.error(.library, "X509_new failed") }
        var owned = true
        defer { if owned { X509_free(certificate) } }
        guard X509_set_version(certificate, Int(X509_VERSION_3)) == 1 else {
            throw OpenSSLErrorQueue.error(.library, "cannot set the version")
        }
        // A positive 63-bit random serial: unique enough for a test PKI, never negative.
        let serial = (try SecureRandom.bytes(8)).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } >> 1
        guard ASN1_INTEGER_set_uint64(X509_get_serialNumber(certificate), max(serial, 1)) == 1 else {
            throw OpenSSLErrorQueue.error(.library, "cannot set the serial number")
        }
        var start = time_t(notBefore.timeIntervalSince1970.rounded(.down))
        guard X509_time_adj_ex(X509_getm_notBefore(certificate), 0, 0, &start) != nil,
            X509_time_adj_ex(X509_getm_notAfter(certificate), Int32(days), 0, &start) != nil
        else {
            throw OpenSSLErrorQueue.error(.library, "cannot set the validity period")
        }
        let name = try makeName(commonName: commonName, organization: organization)
        defer { X509_NAME_free(name) }
        guard X509_set_subject_name(certificate, name) == 1,
            X509_set_issuer_name(certificate, issuer.map { X509_get_subject_name($0.pointer) } ?? name) == 1
        else {
            throw OpenSSLErrorQueue.error(.library, "cannot set the names")
        }
        guard X509_set_pubkey(certificate, publicKey.evpKey.pointer) == 1 else {
            throw OpenSSLErrorQueue.error(.invalidKey, "cannot set the public key")
        }
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer?.pointer ?? certificate, certificate, nil, nil, 0)
        for item in profile.extensions {
            let nid = OBJ_sn2nid(item.name)
            guard nid != NID_undef else {
                throw CryptoError(.invalidCertificate, "unknown certificate extension \(item.name)")
            }
            guard let made = X509V3_EXT_nconf_nid(nil, &context, nid, item.value) else {
                throw OpenSSLErrorQueue.error(.invalidCertificate, "bad value for \(item.name): \(item.value)")
            }
            defer { X509_EXTENSION_free(made) }
            guard X509_add_ext(certificate, made, -1) == 1 else {
                throw OpenSSLErrorQueue.error(.library, "cannot add \(item.name)")
            }
        }
        let digest: OpaquePointer? =
            switch signingKey {
            case .p256: EVP_sha256()
            case .ed25519: nil
            }
        guard X509_sign(certificate, signingKey.evpKey.pointer, digest) > 0 else {
            throw OpenSSLErrorQueue.error(.library, "cannot sign the certificate")
        }
        owned = false
        return try Certificate(taking: certificate)
    }

    private static func makeName(commonName: String, organization: String?) throws -> OpaquePointer {
        guard let name = X509_NAME_new() else { throw OpenSSLErrorQueue.error(.library, "X509_NAME_new failed") }
        var entries = [("CN", commonName)]
        if let organization { entries.append(("O", organization)) }
        for (field, value) in entries {
            let bytes = Array(value.utf8)
            guard
                X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, bytes, Int32(bytes.count), -1, 0) == 1
            else {
                X509_NAME_free(name)
                throw OpenSSLErrorQueue.error(.invalidCertificate, "the name \(field)=\(value) is not allowed")
            }
        }
        return name
    }
}
