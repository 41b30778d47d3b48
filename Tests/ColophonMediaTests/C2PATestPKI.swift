import ColophonCrypto
import ColophonMedia
import Foundation

/// A throwaway root → intermediate → claim-signer chain, as `colophon c2pa cert` issues one.
struct C2PATestPKI {
    let root: Certificate
    let intermediate: Certificate
    let leaf: Certificate
    let leafKey: SigningKey

    init(
        algorithm: SignatureAlgorithm = .ecdsaP256SHA256,
        leafProfile: CertificateProfile = .claimSigner,
        leafStart: Date = Date(timeIntervalSinceNow: -3600),
        leafDays: Int = 30
    ) throws {
        let rootKey = try SigningKey.generate(.ecdsaP256SHA256)
        let start = Date(timeIntervalSinceNow: -86_400)
        root = try Certificate.issue(
            commonName: "Test Root",
            publicKey: rootKey.verifyingKey,
            profile: .root,
            issuer: nil,
            signingKey: rootKey,
            notBefore: start,
            days: 3650
        )
        let intermediateKey = try SigningKey.generate(.ecdsaP256SHA256)
        intermediate = try Certificate.issue(
            commonName: "Test Intermediate",
            publicKey: intermediateKey.verifyingKey,
            profile: .intermediate,
            issuer: root,
            signingKey: rootKey,
            notBefore: start,
            days: 1825
        )
        leafKey = try SigningKey.generate(algorithm)
        leaf = try Certificate.issue(
            commonName: "Test Signer",
            organization: "Colophon Tests",
            publicKey: leafKey.verifyingKey,
            profile: leafProfile,
            issuer: intermediate,
            signingKey: intermediateKey,
            notBefore: leafStart,
            days: leafDays
        )
    }

    var chain: [Certificate] { [leaf, intermediate] }

    func signer() throws -> C2PASigner {
        try C2PASigner(key: leafKey, chain: chain)
    }
}
