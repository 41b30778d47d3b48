public import ColophonCrypto

/// The C2PA rules for a claim-signing certificate (C2PA 2.2 §14.5.1) as validators apply
/// them: an X.509 v3 end-entity certificate with a digitalSignature key usage and an extended
/// key usage validators accept, never `anyExtendedKeyUsage`.
public enum C2PACertificateRules {
    /// The EKUs a signer may carry for c2pa-rs to accept it without extra trust configuration.
    public static let acceptedUsages: Set<String> = [
        CertificateProfile.emailProtectionUsage, CertificateProfile.documentSigningUsage,
    ]

    /// What is wrong with `leaf` as a claim signer; empty when it qualifies.
    public static func problems(leaf: Certificate) -> [String] {
        var problems: [String] = []
        if leaf.version != 3 { problems.append("it is an X.509 v\(leaf.version) certificate, not v3") }
        if leaf.isAuthority { problems.append("it is a CA certificate, not an end-entity one") }
        if !leaf.allowsDigitalSignature { problems.append("its key usage does not include digitalSignature") }
        switch leaf.extendedKeyUsages {
        case nil:
            problems.append("it has no extended key usage")
        case let usages?:
            if usages.contains(CertificateProfile.anyUsage) {
                problems.append("it allows anyExtendedKeyUsage, which C2PA forbids")
            }
            if usages.contains(CertificateProfile.timeStampingUsage) {
                problems.append("it is a time-stamping certificate")
            }
            if acceptedUsages.isDisjoint(with: usages) {
                problems.append(
                    "its extended key usages (\(usages.joined(separator: ", "))) include neither emailProtection nor documentSigning"
                )
            }
        }
        let key = leaf.keyInfo
        switch key.algorithm {
        case "EC":
            if !["prime256v1", "secp384r1", "secp521r1"].contains(key.curve ?? "") {
                problems.append("its EC key is on \(key.curve ?? "an unknown curve"), not P-256, P-384 or P-521")
            }
        case "RSA", "RSA-PSS":
            if key.bits < 2048 { problems.append("its RSA key has \(key.bits) bits, fewer than 2048") }
        case "ED25519":
            break
        default:
            problems.append("its \(key.algorithm) key is not one C2PA allows")
        }
        if !leaf.isSelfSigned, !leaf.hasAuthorityKeyIdentifier {
            problems.append("it has no authority key identifier")
        }
        return problems
    }
}
