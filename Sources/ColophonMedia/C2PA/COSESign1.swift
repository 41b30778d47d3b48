public import ColophonCrypto
public import ColophonRecords

/// A COSE_Sign1 signature (RFC 9052) as C2PA signs claims with it: tag 18, the algorithm and
/// the certificate chain (`x5chain`, label 33) in the protected header, a detached payload,
/// and for ES256 the raw `r‖s` signature (P1363), never DER.
public struct COSESign1: Hashable, Sendable {
    /// The signature algorithms C2PA allows that Colophon signs with.
    public enum Algorithm: Int64, Sendable {
        case es256 = -7
        case eddsa = -8
    }

    /// The protected header map, as the exact bytes that were signed.
    public var protectedHeader: [UInt8]
    public var unprotectedHeader: CBOR
    public var signature: [UInt8]

    public static let tag: UInt64 = 18
    static let algorithmLabel: Int64 = 1
    static let x5chainLabel: Int64 = 33

    /// Signs a detached payload with `key`, carrying `chain` (DER certificates, leaf first, no
    /// root) in the protected header.
    public static func sign(
        payload: [UInt8],
        key: SigningKey,
        chain: [[UInt8]],
        unprotected: CBOR = .map([])
    ) throws -> COSESign1 {
        let algorithm: Algorithm
        switch key {
        case .ed25519: algorithm = .eddsa
        case .p256: algorithm = .es256
        }
        let x5chain: CBOR = chain.count == 1 ? .bytes(chain[0]) : .array(chain.map { .bytes($0) })
        let protected = CBOR.map([
            .init(.int(algorithmLabel), .int(algorithm.rawValue)),
            .init(.int(x5chainLabel), x5chain),
        ]).encoded
        let toBeSigned = sigStructure(protected: protected, payload: payload)
        let signature: [UInt8]
        switch key {
        case .ed25519(let privateKey): signature = try privateKey.signature(for: toBeSigned)
        case .p256(let privateKey): signature = try privateKey.rawSignature(for: toBeSigned)
        }
        return COSESign1(protectedHeader: protected, unprotectedHeader: unprotected, signature: signature)
    }

    public init(protectedHeader: [UInt8], unprotectedHeader: CBOR, signature: [UInt8]) {
        self.protectedHeader = protectedHeader
        self.unprotectedHeader = unprotectedHeader
        self.signature = signature
    }

    /// Reads a COSE_Sign1_Tagged (tag 18, as C2PA requires) with a detached payload.
    ///
    /// - Throws: ``MediaError`` `.malformed` saying what is wrong.
    public init(decoding bytes: [UInt8]) throws(MediaError) {
        let item: CBOR
        do {
            item = try CBORDecoder().decode(bytes)
        } catch {
            throw MediaError(.malformed, "COSE_Sign1: \(error)")
        }
        guard case .tagged(let tag, let body) = item else {
            throw MediaError(.malformed, "COSE: C2PA signatures are COSE_Sign1_Tagged (tag 18); this one is untagged")
        }
        guard tag == Self.tag else { throw MediaError(.malformed, "COSE: tag \(tag) is not COSE_Sign1 (18)") }
        guard let parts = body.arrayValue, parts.count == 4 else {
            throw MediaError(.malformed, "COSE_Sign1 must be an array of four items")
        }
        guard let protected = parts[0].bytesValue else {
            throw MediaError(.malformed, "COSE_Sign1: the protected header is not a byte string")
        }
        guard case .map = parts[1] else {
            throw MediaError(.malformed, "COSE_Sign1: the unprotected header is not a map")
        }
        guard parts[2] == .null else {
            throw MediaError(.malformed, "COSE_Sign1: C2PA signatures have a detached (null) payload")
        }
        guard let signature = parts[3].bytesValue else {
            throw MediaError(.malformed, "COSE_Sign1: the signature is not a byte string")
        }
        self.init(protectedHeader: protected, unprotectedHeader: parts[1], signature: signature)
    }

    /// The tagged encoding.
    public var encoded: [UInt8] {
        CBOR.tagged(Self.tag, .array([.bytes(protectedHeader), unprotectedHeader, .null, .bytes(signature)])).encoded
    }

    /// The decoded protected header.
    public var protectedMap: CBOR? {
        try? CBORDecoder().decode(protectedHeader)
    }

    /// The algorithm the protected header names, if it is one Colophon knows.
    public var algorithm: Algorithm? {
        protectedMap?[Self.algorithmLabel]?.intValue.flatMap(Algorithm.init(rawValue:))
    }

    /// The `x5chain` certificates (DER), leaf first.
    public var chain: [[UInt8]] {
        guard let value = protectedMap?[Self.x5chainLabel] else { return [] }
        if let single = value.bytesValue { return [single] }
        return value.arrayValue?.compactMap(\.bytesValue) ?? []
    }

    /// Checks the signature over `payload` with `key`, whose type must match the header's
    /// algorithm (a P-256 key answers only ES256 with a 64-byte `r‖s`).
    ///
    /// - Throws: ``MediaError`` `.invalid` saying why it does not verify.
    public func verify(payload: [UInt8], key: VerifyingKey) throws(MediaError) {
        guard let map = protectedMap else {
            throw MediaError(.invalid, "COSE_Sign1: the protected header is not CBOR")
        }
        guard let number = map[Self.algorithmLabel]?.intValue else {
            throw MediaError(.invalid, "COSE_Sign1: the protected header names no algorithm")
        }
        guard let algorithm = Algorithm(rawValue: number) else {
            throw MediaError(.invalid, "COSE_Sign1: algorithm \(number) is not ES256 (-7) or EdDSA (-8)")
        }
        let toBeSigned = Self.sigStructure(protected: protectedHeader, payload: payload)
        let valid: Bool
        switch (algorithm, key) {
        case (.eddsa, .ed25519(let publicKey)):
            valid = signature.count == 64 && publicKey.isValidSignature(signature, for: toBeSigned)
        case (.es256, .p256(let publicKey)):
            guard signature.count == 64 else {
                throw MediaError(
                    .invalid,
                    "COSE_Sign1: an ES256 signature is 64 bytes r‖s, not \(signature.count) (DER?)"
                )
            }
            valid = publicKey.isValidRawSignature(signature, for: toBeSigned)
        default:
            throw MediaError(.invalid, "COSE_Sign1: the header says \(algorithm) but the key is \(key.algorithm)")
        }
        guard valid else { throw MediaError(.invalid, "COSE_Sign1: the signature does not match the claim") }
    }

    /// Checks the signature over `payload` with the key `certificate` certifies, for any
    /// algorithm C2PA allows (ES256/384/512, PS256/384/512, EdDSA).
    ///
    /// - Throws: ``MediaError`` `.invalid` saying why it does not verify.
    public func verify(payload: [UInt8], certificate: Certificate) throws(MediaError) {
        guard let number = protectedMap?[Self.algorithmLabel]?.intValue else {
            throw MediaError(.invalid, "COSE_Sign1: the protected header names no algorithm")
        }
        guard let scheme = Certificate.SignatureScheme(rawValue: number) else {
            throw MediaError(.invalid, "COSE_Sign1: algorithm \(number) is not one C2PA allows")
        }
        let valid: Bool
        do {
            valid = try certificate.isValidSignature(
                signature,
                for: Self.sigStructure(protected: protectedHeader, payload: payload),
                scheme: scheme
            )
        } catch {
            throw MediaError(.invalid, "COSE_Sign1: \(error)")
        }
        guard valid else { throw MediaError(.invalid, "COSE_Sign1: the signature does not match the claim") }
    }

    /// `["Signature1", protected, h'', payload]`: the bytes a COSE_Sign1 signs.
    public static func sigStructure(protected: [UInt8], payload: [UInt8]) -> [UInt8] {
        CBOR.array([.text("Signature1"), .bytes(protected), .bytes([]), .bytes(payload)]).encoded
    }
}
