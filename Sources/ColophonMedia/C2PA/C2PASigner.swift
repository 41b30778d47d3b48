public import ColophonCrypto
public import Foundation

/// A claim signer: a P-256 (ES256) or Ed25519 key with its certificate chain, leaf first,
/// intermediates after, root left out (validators complete the chain from their anchors).
public struct C2PASigner: Sendable {
    public let key: SigningKey
    public let chain: [Certificate]

    /// Checks that the leaf certifies `key` and follows the C2PA certificate rules, and is
    /// valid at `date`.
    ///
    /// - Throws: ``MediaError`` `.invalid` naming the first rule broken.
    public init(key: SigningKey, chain: [Certificate], at date: Date = Date()) throws(MediaError) {
        guard let leaf = chain.first else { throw MediaError(.invalid, "C2PA: the certificate chain is empty") }
        guard leaf.certifies(key) else {
            throw MediaError(.invalid, "C2PA: the private key does not match the signing certificate \(leaf.subject)")
        }
        if let problem = C2PACertificateRules.problems(leaf: leaf).first {
            throw MediaError(.invalid, "C2PA: the signing certificate \(leaf.subject) cannot sign claims: \(problem)")
        }
        guard leaf.isValid(at: date) else {
            throw MediaError(.invalid, "C2PA: the signing certificate \(leaf.subject) is not valid now")
        }
        if chain.count > 1, chain.last?.isSelfSigned == true {
            throw MediaError(.invalid, "C2PA: leave the root out of the chain; validators take it from their anchors")
        }
        self.key = key
        self.chain = chain
    }
}
