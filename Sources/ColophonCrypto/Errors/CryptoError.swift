/// An error from a cryptographic operation or from decoding key material.
///
/// Errors say which input was wrong and why; when OpenSSL reported the failure, its own
/// reasons are kept in ``openSSLReasons`` so a user can search for them.
public struct CryptoError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this was; stable for programs to switch on.
    public var code: Code
    /// A one-line explanation naming the input at fault.
    public var reason: String
    /// OpenSSL's error queue at the moment of failure, newest last (may be empty).
    public var openSSLReasons: [String]

    public init(_ code: Code, _ reason: String, openSSLReasons: [String] = []) {
        self.code = code
        self.reason = reason
        self.openSSLReasons = openSSLReasons
    }

    public var description: String {
        if openSSLReasons.isEmpty {
            return reason
        }
        return "\(reason) (OpenSSL: \(openSSLReasons.joined(separator: "; ")))"
    }

    /// The kind of a ``CryptoError``.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// Key bytes, PEM or DER that do not decode into a key.
        public static let invalidKey = Code("invalidKey")
        /// A key of another algorithm than the operation needs.
        public static let wrongKeyType = Code("wrongKeyType")
        /// A signature whose encoding is malformed (not merely wrong).
        public static let invalidSignatureEncoding = Code("invalidSignatureEncoding")
        /// An encrypted private key that needs a passphrase, or got the wrong one.
        public static let passphrase = Code("passphrase")
        /// Bytes that are not an X.509 certificate, or one that breaks a required profile.
        public static let invalidCertificate = Code("invalidCertificate")
        /// A certificate chain that does not lead to a trusted root.
        public static let untrusted = Code("untrusted")
        /// Reading or writing a file failed.
        public static let io = Code("io")
        /// OpenSSL failed for a reason that is not the caller's input.
        public static let library = Code("library")
    }
}
