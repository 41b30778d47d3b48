public import ColophonMedia

/// How `stamp --c2pa` signs: the claim signer, the name the claim gives its generator, and
/// the time-stamping authority whose token goes into the signature (when configured).
public struct C2PASigning: Sendable {
    public var signer: C2PASigner
    public var claimGenerator: String
    public var claimGeneratorVersion: String?
    public var timestampAuthority: TimestampAuthority?

    public init(
        signer: C2PASigner,
        claimGenerator: String = "Colophon",
        claimGeneratorVersion: String? = nil,
        timestampAuthority: TimestampAuthority? = nil
    ) {
        self.signer = signer
        self.claimGenerator = claimGenerator
        self.claimGeneratorVersion = claimGeneratorVersion
        self.timestampAuthority = timestampAuthority
    }
}
