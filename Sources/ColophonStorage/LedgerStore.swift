public import ColophonCrypto
public import ColophonRecords

/// Durable storage of a ledger: the log's entries with their indexes, the log's subtree hashes
/// and signed checkpoints, and content-addressed blobs.
///
/// An append is one transaction: new entries, the subtrees they complete and the checkpoint
/// that covers them commit together or not at all, and the checkpoint is only written if the
/// stored latest checkpoint is still the one the new tree was built on (compare-and-swap), so
/// two writers can never fork the log. Records already present are not appended twice.
public protocol LedgerStore: Sendable {
    /// Stores the checkpoint of the empty log; a no-op if the store already has one.
    func initialize(emptyHead: TreeHead) async throws

    /// Appends entries. `integrate` builds the tree and signs the checkpoint from the state the
    /// append builds on. It must be free of side effects: a store may call it on what it
    /// believes is the end of the log and, finding out it was not, call it again on what is;
    /// only the result that is written counts.
    ///
    /// - Parameter watching: predicate types whose latest entry the transaction reports in
    ///   ``IntegrationInput/lastWatchedIndex``, so a writer that judged its entries against an
    ///   older log can tell whether an entry of those types came in between.
    func append(
        _ entries: [PendingEntry],
        watching: Set<String>,
        integrate: @Sendable (IntegrationInput) throws -> Integration
    ) async throws -> [AppendOutcome]

    /// The latest signed checkpoint.
    func latestHead() async throws -> TreeHead
    /// The checkpoint of exactly `size` entries, if one was signed.
    func head(size: UInt64) async throws -> TreeHead?
    /// The sizes of every signed checkpoint, ascending.
    func headSizes() async throws -> [UInt64]

    func entry(at index: UInt64) async throws -> StoredEntry?
    func entry(recordID: RecordID) async throws -> StoredEntry?
    func entries(from start: UInt64, count: Int) async throws -> [StoredEntry]
    func entries(subject: SubjectDigest) async throws -> [StoredEntry]
    func entries(predicateType: String) async throws -> [StoredEntry]
    func entries(referencing target: RecordID) async throws -> [StoredEntry]
    func entries(signedBy keyID: String) async throws -> [StoredEntry]

    /// The hashes of the given subtrees (level, index); all must exist.
    func nodeHashes(_ keys: [NodeKey]) async throws -> [SHA256Digest]

    /// Reads, in one consistent snapshot, a checkpoint (of `size`, or the latest), the index of
    /// `record` if one is named, and the subtree hashes `nodes` names for them: a proof and the
    /// checkpoint it is against never straddle an append.
    ///
    /// - Parameter nodes: given the checkpoint's size and the record's index, the subtrees to read.
    /// - Returns: `nil` when no checkpoint of `size` was signed, or `record` is not in the log.
    func snapshot(
        size: UInt64?,
        record: RecordID?,
        nodes: @Sendable (UInt64, UInt64?) throws -> [NodeKey]
    ) async throws -> (head: TreeHead, recordIndex: UInt64?, nodes: [StoredNode])?

    /// Stores a blob under its SHA-256 and returns the digest.
    func putBlob(_ bytes: [UInt8]) async throws -> SHA256Digest
    func blob(_ digest: SHA256Digest) async throws -> [UInt8]?
}

extension LedgerStore {
    /// Appends entries, watching no predicate type.
    public func append(
        _ entries: [PendingEntry],
        integrate: @Sendable (IntegrationInput) throws -> Integration
    ) async throws -> [AppendOutcome] {
        try await append(entries, watching: [], integrate: integrate)
    }
}
