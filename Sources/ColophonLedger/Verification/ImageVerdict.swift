/// How an image relates to the ledger.
public enum ImageVerdict: String, Sendable, CaseIterable {
    /// Its embedded credential names a record whose signature holds, which is in the log, and
    /// whose pixel (or file) digest is this image's.
    case verified
    /// No usable credential, but its file or pixel digest is a record's subject.
    case matchesRecord = "matches-record"
    /// Only perceptually close (PDQ within the threshold) to a record's image.
    case similarTo = "similar-to"
    /// Nothing in the ledger.
    case unknown
    /// Its credential names a record that does not describe these pixels, or whose signature
    /// or inclusion fails.
    case tampered
}
