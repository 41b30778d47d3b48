internal import COpenSSL
public import Foundation

/// An X.509 certificate, parsed once and kept as both OpenSSL's structure and its DER bytes.
///
/// `@unchecked Sendable`: the `X509` is never mutated after construction; OpenSSL caches its
/// extension flags on first read under its own lock, so concurrent readers are safe.
public final class Certificate: @unchecked Sendable, Hashable, CustomStringConvertible {
    let pointer: OpaquePointer
    /// The DER encoding, exactly as read or issued.
    public let der: [UInt8]

    /// The largest certificate Colophon parses: real ones are a few kilobytes.
    public static let maximumSize = 64 * 1024

    private init(pointer: OpaquePointer, der: [UInt8]) {
        self.pointer = pointer
        self.der = der
    }

    /// Takes ownership of `pointer`: it is freed here when its DER cannot be made.
    convenience init(taking pointer: OpaquePointer) throws {
        let length = i2d_X509(pointer, nil)
        var bytes = [UInt8](repeating: 0, count: max(Int(length), 0))
        let written = bytes.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return length > 0 ? i2d_X509(pointer, &cursor) : length
        }
        guard length > 0, written == length else {
            X509_free(pointer)
            throw OpenSSLErrorQueue.error(.invalidCertificate, "the certificate cannot be encoded as DER")
        }
        self.init(pointer: pointer, der: bytes)
    }

    deinit {
        X509_free(pointer)
    }

    /// Parses one DER certificate; trailing bytes are refused.
    ///
    /// - Throws: ``CryptoError`` `.invalidCertificate`.
    public convenience init(der bytes: [UInt8]) throws {
        guard bytes.count <= Self.maximumSize else {
            throw CryptoError(.invalidCertificate, "a certificate of \(bytes.count) bytes is over the 64 KiB limit")
        }
        OpenSSLErrorQueue.clear()
        let parsed = bytes.withUnsafeBufferPointer { buffer -> (OpaquePointer?, Bool) in
            var cursor = buffer.baseAddress
            let certificate = d2i_X509(nil, &cursor, buffer.count)
            return (certificate, cursor == buffer.baseAddress.map { $0 + buffer.count })
        }
        guard let pointer = parsed.0 else {
            throw OpenSSLErrorQueue.error(.invalidCertificate, "the bytes are not a DER X.509 certificate")
        }
        guard parsed.1 else {
            X509_free(pointer)
            throw CryptoError(.invalidCertificate, "trailing bytes after the DER certificate")
        }
        try self.init(taking: pointer)
    }

    /// Every certificate in a PEM text, in order.
    ///
    /// - Throws: ``CryptoError`` `.invalidCertificate` when a block does not parse or there is none.
    public static func certificates(pem: String) throws -> [Certificate] {
        OpenSSLErrorQueue.clear()
        let bytes = Array(pem.utf8)
        guard bytes.count <= 16 << 20 else {
            throw CryptoError(.invalidCertificate, "a PEM text of \(bytes.count) bytes is over the 16 MiB limit")
        }
        let blocks = pem.components(separatedBy: "-----BEGIN CERTIFICATE-----").count - 1
        var result: [Certificate] = []
        try bytes.withUnsafeBufferPointer { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else {
                throw OpenSSLErrorQueue.error(.library, "BIO_new_mem_buf failed")
            }
            defer { BIO_free(bio) }
            while let certificate = PEM_read_bio_X509(bio, nil, nil, nil) {
                result.append(try Certificate(taking: certificate))
            }
        }
        OpenSSLErrorQueue.clear()  // the end of the text queues "no start line"
        guard !result.isEmpty else {
            throw CryptoError(.invalidCertificate, "the text holds no PEM certificate")
        }
        guard result.count == blocks else {
            throw CryptoError(
                .invalidCertificate,
                "certificate \(result.count + 1) of \(blocks) in the PEM text does not parse"
            )
        }
        return result
    }

    /// The PEM text of this certificate.
    public var pem: String {
        let body = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN CERTIFICATE-----\n\(body)\n-----END CERTIFICATE-----\n"
    }

    /// The subject name, RFC 2253 style ("CN=Colophon Signer,O=…").
    public var subject: String { Self.text(of: X509_get_subject_name(pointer)) }

    /// The issuer name, RFC 2253 style.
    public var issuer: String { Self.text(of: X509_get_issuer_name(pointer)) }

    /// The X.509 version number as written (1 for v1 … 3 for v3).
    public var version: Int { Int(X509_get_version(pointer)) + 1 }

    /// The start of the validity period.
    public var notBefore: Date? { Self.date(X509_get0_notBefore(pointer)) }

    /// The end of the validity period.
    public var notAfter: Date? { Self.date(X509_get0_notAfter(pointer)) }

    /// Whether the certificate is valid at `date`.
    public func isValid(at date: Date) -> Bool {
        guard let notBefore, let notAfter else { return false }
        return notBefore <= date && date <= notAfter
    }

    /// Whether basicConstraints marks this a certificate authority.
    public var isAuthority: Bool {
        X509_get_extension_flags(pointer) & UInt32(EXFLAG_CA) != 0
    }

    /// Whether the subject and issuer agree and the key identifiers allow it: the shape of a
    /// root or a self-signed leaf (the signature itself is not checked here).
    public var isSelfSigned: Bool {
        X509_self_signed(pointer, 0) == 1
    }

    /// Whether a keyUsage extension is present and allows `digitalSignature`.
    public var allowsDigitalSignature: Bool {
        guard X509_get_extension_flags(pointer) & UInt32(EXFLAG_KUSAGE) != 0 else { return false }
        return X509_get_key_usage(pointer) & UInt32(KU_DIGITAL_SIGNATURE) != 0
    }

    /// Whether a keyUsage extension is present and allows signing certificates.
    public var allowsCertificateSigning: Bool {
        guard X509_get_extension_flags(pointer) & UInt32(EXFLAG_KUSAGE) != 0 else { return false }
        return X509_get_key_usage(pointer) & UInt32(KU_KEY_CERT_SIGN) != 0
    }

    /// Whether a keyUsage extension is present at all.
    public var hasKeyUsage: Bool {
        X509_get_extension_flags(pointer) & UInt32(EXFLAG_KUSAGE) != 0
    }

    /// The extended key usages as dotted OIDs; `nil` when the extension is absent.
    public var extendedKeyUsages: [String]? {
        // A certificate is at most 64 KiB, so its OIDs fit in twice that as text.
        var buffer = [CChar](repeating: 0, count: 2 * Self.maximumSize)
        let count = copenssl_eku_oids(pointer, &buffer, Int32(buffer.count))
        guard count >= 0 else { return count == -1 ? nil : ["unreadable"] }
        let end = buffer.firstIndex(of: 0) ?? buffer.count
        let text = String(decoding: buffer[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.split(separator: "\n").map(String.init)
    }

    /// Whether the subjectKeyIdentifier extension is present.
    public var hasSubjectKeyIdentifier: Bool { X509_get0_subject_key_id(pointer) != nil }

    /// Whether the authorityKeyIdentifier extension carries a key identifier.
    public var hasAuthorityKeyIdentifier: Bool { X509_get0_authority_key_id(pointer) != nil }

    /// The subject's public key.
    ///
    /// - Throws: ``CryptoError`` `.wrongKeyType` for keys Colophon does not verify with.
    public func publicKey() throws -> VerifyingKey {
        guard let key = X509_get0_pubkey(pointer) else {
            throw OpenSSLErrorQueue.error(.invalidCertificate, "the certificate's public key does not decode")
        }
        let length = i2d_PUBKEY(key, nil)
        guard length > 0 else {
            throw OpenSSLErrorQueue.error(.invalidCertificate, "the certificate's public key does not encode")
        }
        var spki = [UInt8](repeating: 0, count: Int(length))
        _ = spki.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_PUBKEY(key, &cursor)
        }
        return try VerifyingKey(subjectPublicKeyInfoDER: spki)
    }

    /// The SHA-256 of the DER, the certificate's usual fingerprint.
    public var fingerprint: SHA256Digest { SHA256.hash(der) }

    public var description: String { subject }

    public static func == (lhs: Certificate, rhs: Certificate) -> Bool { lhs.der == rhs.der }

    public func hash(into hasher: inout Hasher) { hasher.combine(der) }

    static func text(of name: OpaquePointer?) -> String {
        guard let name, let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        guard X509_NAME_print_ex(bio, name, 0, copenssl_name_flags()) >= 0 else {
            return ""
        }
        var pointer: UnsafeMutablePointer<CChar>?
        let length = copenssl_BIO_get_mem_data(bio, &pointer)
        guard let pointer, length > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: Int(length)), as: UTF8.self)
    }

    static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}
