public import ColophonCrypto

/// A DSSE envelope: a payload, its type, and signatures over the pre-authentication encoding
/// (PAE) of both.
///
/// Signing PAE rather than the payload alone binds the type to the bytes, so a payload cannot
/// be replayed as something else. Several signatures are allowed: a second signature on the
/// same payload is a cosignature, and the record id (the payload's hash) does not change.
public struct Envelope: Hashable, Sendable {
    /// The payload type of in-toto statements.
    public static let inTotoPayloadType = "application/vnd.in-toto+json"
    /// The largest canonical envelope: a tlog-tiles entry holds at most 65,535 bytes.
    public static let maxEncodedBytes = 65_535

    /// One signature: the signer's key id and the signature bytes.
    public struct Signature: Hashable, Sendable {
        /// Hex SHA-256 of the signer's DER SubjectPublicKeyInfo; may be empty in foreign envelopes.
        public var keyID: String
        public var bytes: [UInt8]

        public init(keyID: String, bytes: [UInt8]) {
            self.keyID = keyID
            self.bytes = bytes
        }
    }

    public var payloadType: String
    public var payload: [UInt8]
    public var signatures: [Signature]

    public init(payloadType: String, payload: [UInt8], signatures: [Signature]) {
        self.payloadType = payloadType
        self.payload = payload
        self.signatures = signatures
    }

    /// The record id: SHA-256 of the payload bytes.
    public var recordID: RecordID {
        RecordID(payload: payload)
    }

    /// DSSE v1 pre-authentication encoding:
    /// `"DSSEv1" SP len(type) SP type SP len(payload) SP payload`, lengths in ASCII decimal.
    public static func pae(payloadType: String, payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = Array("DSSEv1 \(payloadType.utf8.count) \(payloadType) \(payload.count) ".utf8)
        out.append(contentsOf: payload)
        return out
    }

    /// The bytes every signature covers.
    public var pae: [UInt8] {
        Self.pae(payloadType: payloadType, payload: payload)
    }

    /// Signs a statement: canonicalises it, wraps it, and adds one signature.
    public static func sign(_ statement: Statement, with key: SigningKey) throws -> Envelope {
        var envelope = Envelope(payloadType: inTotoPayloadType, payload: try statement.canonicalBytes(), signatures: [])
        try envelope.addSignature(with: key)
        return envelope
    }

    /// Adds a signature by `key`, unless that key has signed already.
    public mutating func addSignature(with key: SigningKey) throws {
        let keyID = key.verifyingKey.keyID
        guard !signatures.contains(where: { $0.keyID == keyID }) else { return }
        signatures.append(Signature(keyID: keyID, bytes: try key.signature(for: pae)))
    }

    /// Whether `signature` is valid for this envelope under `key`.
    public func verifies(_ signature: Signature, with key: VerifyingKey) -> Bool {
        key.isValidSignature(signature.bytes, for: pae)
    }

    /// The in-toto statement inside, after checking the payload type and that the payload is
    /// canonical JSON (so its id is reproducible).
    public func statement() throws(RecordError) -> Statement {
        guard payloadType == Self.inTotoPayloadType else {
            throw RecordError(.notAnEnvelope, "payloadType is \(payloadType), not \(Self.inTotoPayloadType)")
        }
        let statement = try Statement(bytes: payload)
        let canonical = try statement.canonicalBytes()
        guard canonical == payload else {
            throw RecordError(
                .notCanonical,
                "the payload is not RFC 8785 canonical JSON, so its record id is not reproducible"
            )
        }
        return statement
    }
}
