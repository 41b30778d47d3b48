/// Why a log structure — a proof, a note, a checkpoint, a tile, a policy — was refused.
public struct LogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem; stable for programs to switch on.
    public var code: Code
    /// A one-line explanation.
    public var reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }

    /// The kind of a ``LogError``.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// A Merkle proof that does not verify or does not fit its tree sizes.
        public static let invalidProof = Code("invalidProof")
        /// A signed note that breaks the signed-note format.
        public static let malformedNote = Code("malformedNote")
        /// A note signature that fails, or no trusted signature at all.
        public static let invalidSignature = Code("invalidSignature")
        /// A verifier or signer key that does not parse.
        public static let malformedKey = Code("malformedKey")
        /// A checkpoint body that breaks tlog-checkpoint.
        public static let malformedCheckpoint = Code("malformedCheckpoint")
        /// A tile, entry bundle or tile path that breaks tlog-tiles.
        public static let malformedTile = Code("malformedTile")
        /// A tlog-proof file that does not parse.
        public static let malformedProofFile = Code("malformedProofFile")
        /// A tlog-policy file that does not parse.
        public static let malformedPolicy = Code("malformedPolicy")
        /// Two views of the log that cannot both be true.
        public static let inconsistent = Code("inconsistent")
        /// An entry larger than a log entry may be.
        public static let entryTooLarge = Code("entryTooLarge")
    }
}
