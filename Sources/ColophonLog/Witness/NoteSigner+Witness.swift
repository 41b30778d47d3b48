extension NoteSigner {
    /// The witness key a private key text holds: the same Ed25519 key, as a cosignature/v1
    /// signer (whose key id and vkey differ from the type 0x01 ones by design).
    public static func witness(privateKeyText text: String) throws(LogError) -> NoteSigner {
        let plain = try NoteSigner(privateKeyText: text)
        return try NoteSigner(name: plain.verifier.name, key: plain.privateKey, type: .cosignatureV1)
    }
}
