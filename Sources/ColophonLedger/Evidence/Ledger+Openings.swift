import ColophonCrypto
public import ColophonRecords
import Foundation

extension Ledger {
    /// Where a record's openings are kept: beside the private keys, readable by the owner
    /// only. They are the only copy of what a record withholds.
    func openingsFile(_ record: RecordID) -> URL {
        directory.root.appendingPathComponent("openings").appendingPathComponent("\(record.digest.hex).json")
    }

    /// Keeps the openings of a record's committed fields.
    func saveOpenings(_ openings: RecordOpenings, for record: RecordID) throws {
        let url = openingsFile(record)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw LedgerError(.storage, "cannot keep the openings of \(record): \(error.localizedDescription)")
        }
        let bytes = try CanonicalJSON.encode(JSONValue(encoding: openings))
        try AtomicFile.write(bytes, to: url.path)
        chmod(url.path, 0o600)
    }

    /// The openings this ledger keeps for a record, or nil when it keeps none.
    public func openings(of record: RecordID) throws -> RecordOpenings? {
        guard let data = FileManager.default.contents(atPath: openingsFile(record).path) else { return nil }
        do {
            return try JSONParser().parse(Array(data)).decode(as: RecordOpenings.self)
        } catch {
            throw LedgerError(.storage, "the openings of \(record) are unreadable: \(error)")
        }
    }
}
