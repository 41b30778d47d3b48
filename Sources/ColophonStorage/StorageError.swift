/// A failure of the ledger's storage: what went wrong and with which file or database.
public struct StorageError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: Code
    public var reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }

    /// The kind of a ``StorageError``.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The disk (or quota) is full; nothing was written.
        public static let diskFull = Code("diskFull")
        /// An I/O error from the operating system.
        public static let io = Code("io")
        /// The stored data contradicts itself; the store refuses to go on.
        public static let corrupt = Code("corrupt")
        /// Another writer changed the log under this one; the append was not applied.
        public static let conflict = Code("conflict")
        /// An entry or blob beyond the store's limits.
        public static let tooLarge = Code("tooLarge")
        /// The store is newer than this program, or not a Colophon store.
        public static let incompatible = Code("incompatible")
        /// The database is locked by another process for longer than the timeout.
        public static let busy = Code("busy")
        /// Another failure of the database.
        public static let database = Code("database")
    }
}
