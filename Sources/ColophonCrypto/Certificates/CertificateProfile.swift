/// The extensions a certificate is issued with, written as OpenSSL's extension values.
///
/// The named profiles follow the C2PA certificate rules: authorities with critical
/// basicConstraints and keyCertSign, a claim signer that is not a CA, has a critical
/// digitalSignature key usage and the EKUs validators look for, and a TSA with timeStamping alone.
public struct CertificateProfile: Hashable, Sendable {
    /// One extension as OpenSSL's configuration names it: `keyUsage` = `critical,digitalSignature`.
    public struct Extension: Hashable, Sendable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The extensions, in the order they are added (the subject key identifier must come
    /// before an authority key identifier that refers to it on a self-signed root).
    public var extensions: [Extension]

    public init(extensions: [Extension]) {
        self.extensions = extensions
    }

    /// The C2PA claim-signing EKU (`c2pa-kp-claimSigning`, new in C2PA 2.2).
    public static let claimSigningUsage = "1.3.6.1.4.1.62558.2.1"
    /// `id-kp-emailProtection`, which validators before 2.2 look for.
    public static let emailProtectionUsage = "1.3.6.1.5.5.7.3.4"
    /// `id-kp-documentSigning`.
    public static let documentSigningUsage = "1.3.6.1.5.5.7.3.36"
    /// `id-kp-timeStamping`.
    public static let timeStampingUsage = "1.3.6.1.5.5.7.3.8"
    /// `anyExtendedKeyUsage`, which the C2PA profile forbids on a signer.
    public static let anyUsage = "2.5.29.37.0"

    /// A root certificate authority.
    public static let root = CertificateProfile(extensions: [
        .init("basicConstraints", "critical,CA:TRUE"),
        .init("keyUsage", "critical,keyCertSign,cRLSign"),
        .init("subjectKeyIdentifier", "hash"),
        .init("authorityKeyIdentifier", "keyid:always"),
    ])

    /// An intermediate authority that may sign only end-entity certificates.
    public static let intermediate = CertificateProfile(extensions: [
        .init("basicConstraints", "critical,CA:TRUE,pathlen:0"),
        .init("keyUsage", "critical,keyCertSign,cRLSign"),
        .init("subjectKeyIdentifier", "hash"),
        .init("authorityKeyIdentifier", "keyid:always"),
    ])

    /// A C2PA claim signer.
    public static let claimSigner = CertificateProfile(extensions: [
        .init("basicConstraints", "critical,CA:FALSE"),
        .init("keyUsage", "critical,digitalSignature"),
        .init(
            "extendedKeyUsage",
            [emailProtectionUsage, documentSigningUsage, claimSigningUsage].joined(separator: ",")
        ),
        .init("subjectKeyIdentifier", "hash"),
        .init("authorityKeyIdentifier", "keyid:always"),
    ])

    /// An RFC 3161 time-stamping authority.
    public static let timeStamping = CertificateProfile(extensions: [
        .init("basicConstraints", "critical,CA:FALSE"),
        .init("keyUsage", "critical,digitalSignature"),
        .init("extendedKeyUsage", "critical,timeStamping"),
        .init("subjectKeyIdentifier", "hash"),
        .init("authorityKeyIdentifier", "keyid:always"),
    ])
}
