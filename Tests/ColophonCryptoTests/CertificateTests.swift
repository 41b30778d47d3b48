import ColophonCrypto
import Foundation
import Testing

@Suite struct CertificateTests {
    struct Chain {
        let rootKey: SigningKey
        let root: Certificate
        let intermediate: Certificate
        let leaf: Certificate
    }

    static func chain(leafAlgorithm: SignatureAlgorithm = .ecdsaP256SHA256, leafDays: Int = 30) throws -> Chain {
        let rootKey = try SigningKey.generate(.ecdsaP256SHA256)
        let start = Date(timeIntervalSinceNow: -3600)
        let root = try Certificate.issue(
            commonName: "Root",
            publicKey: rootKey.verifyingKey,
            profile: .root,
            issuer: nil,
            signingKey: rootKey,
            notBefore: start,
            days: 3650
        )
        let intermediateKey = try SigningKey.generate(.ed25519)
        let intermediate = try Certificate.issue(
            commonName: "Intermediate",
            publicKey: intermediateKey.verifyingKey,
            profile: .intermediate,
            issuer: root,
            signingKey: rootKey,
            notBefore: start,
            days: 1825
        )
        let leafKey = try SigningKey.generate(leafAlgorithm)
        let leaf = try Certificate.issue(
            commonName: "Signer ✓",
            organization: "Colophon",
            publicKey: leafKey.verifyingKey,
            profile: .claimSigner,
            issuer: intermediate,
            signingKey: intermediateKey,
            notBefore: start,
            days: leafDays
        )
        return Chain(rootKey: rootKey, root: root, intermediate: intermediate, leaf: leaf)
    }

    @Test func issuedCertificatesCarryTheirProfiles() throws {
        let chain = try Self.chain(leafAlgorithm: .ed25519)
        #expect(chain.root.isAuthority && chain.root.isSelfSigned && chain.root.allowsCertificateSigning)
        #expect(chain.root.subject == "CN=Root")
        #expect(chain.intermediate.isAuthority && !chain.intermediate.isSelfSigned)
        #expect(chain.intermediate.issuer == "CN=Root")
        let leaf = chain.leaf
        #expect(leaf.version == 3)
        #expect(!leaf.isAuthority && leaf.allowsDigitalSignature && !leaf.allowsCertificateSigning)
        #expect(leaf.subject.contains("CN=Signer ✓") && leaf.subject.contains("O=Colophon"))
        #expect(
            leaf.extendedKeyUsages
                == [
                    CertificateProfile.emailProtectionUsage, CertificateProfile.documentSigningUsage,
                    CertificateProfile.claimSigningUsage,
                ]
        )
        #expect(leaf.hasSubjectKeyIdentifier && leaf.hasAuthorityKeyIdentifier)
        #expect(chain.root.extendedKeyUsages == nil)
        if case .ed25519 = try leaf.publicKey() {} else { Issue.record("the leaf key should be Ed25519") }
        let days = (leaf.notAfter ?? .distantPast).timeIntervalSince(leaf.notBefore ?? .distantFuture) / 86_400
        #expect(days == 30)
    }

    @Test func pemAndDERRoundTrip() throws {
        let chain = try Self.chain()
        let pem = chain.leaf.pem + chain.intermediate.pem
        #expect(try Certificate.certificates(pem: pem) == [chain.leaf, chain.intermediate])
        #expect(try Certificate(der: chain.root.der) == chain.root)
        #expect(chain.leaf.fingerprint == SHA256.hash(chain.leaf.der))
    }

    @Test func chainsVerifyAgainstTheirRootOnly() throws {
        let chain = try Self.chain()
        let trust = CertificateTrust(anchors: [chain.root])
        let path = try trust.verify(leaf: chain.leaf, intermediates: [chain.intermediate], at: Date())
        #expect(path == [chain.leaf, chain.intermediate, chain.root])
        // Without the intermediate there is no path.
        #expect(throws: CryptoError.self) { try trust.verify(leaf: chain.leaf, intermediates: [], at: Date()) }
        // Another root does not vouch for it.
        let other = try Self.chain()
        #expect {
            try CertificateTrust(anchors: [other.root]).verify(
                leaf: chain.leaf,
                intermediates: [chain.intermediate],
                at: Date()
            )
        } throws: {
            ($0 as? CryptoError)?.code == .untrusted
        }
        // Past the leaf's validity.
        #expect(throws: CryptoError.self) {
            try trust.verify(
                leaf: chain.leaf,
                intermediates: [chain.intermediate],
                at: Date(timeIntervalSinceNow: 60 * 86_400)
            )
        }
        #expect(throws: CryptoError.self) {
            try CertificateTrust(anchors: []).verify(leaf: chain.leaf, intermediates: [], at: Date())
        }
    }

    @Test func malformedCertificatesAreErrors() throws {
        let chain = try Self.chain()
        #expect(throws: CryptoError.self) { try Certificate(der: []) }
        #expect(throws: CryptoError.self) { try Certificate(der: Array(chain.leaf.der.dropLast(5))) }
        #expect(throws: CryptoError.self) { try Certificate(der: chain.leaf.der + [0]) }
        #expect(throws: CryptoError.self) { try Certificate(der: [UInt8](repeating: 0x30, count: 70_000)) }
        #expect(throws: CryptoError.self) { try Certificate.certificates(pem: "no certificate here") }
        let broken = chain.leaf.pem.replacingOccurrences(of: "\n", with: "\n!", options: [], range: nil)
        #expect(throws: CryptoError.self) { try Certificate.certificates(pem: chain.root.pem + broken) }
        let key = try SigningKey.generate(.ed25519)
        #expect(throws: CryptoError.self) {
            try Certificate.issue(
                commonName: "",
                publicKey: key.verifyingKey,
                profile: .root,
                issuer: nil,
                signingKey: key,
                notBefore: Date(),
                days: 1
            )
        }
        #expect(throws: CryptoError.self) {
            try Certificate.issue(
                commonName: "X",
                publicKey: key.verifyingKey,
                profile: CertificateProfile(extensions: [.init("keyUsage", "flying")]),
                issuer: nil,
                signingKey: key,
                notBefore: Date(),
                days: 1
            )
        }
    }
}
