/// A failure of a ledger operation, classified the way the command line reports it.
public struct LedgerError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: Code
    public var reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }

    /// The kind of a ``LedgerError``.
    public enum Code: String, Hashable, Sendable {
        /// The input is malformed or the request makes no sense (exit status 2).
        case badInput
        /// Something asked for is not in the ledger (exit status 1).
        case notFound
        /// Checked, and not valid: a bad signature, a revoked key (exit status 1).
        case invalid
        /// The ledger's storage failed (exit status 3).
        case storage
        /// A defect or an unexpected state (exit status 3).
        case internalError
    }
}
