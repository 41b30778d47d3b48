import ColophonCrypto
package import ColophonRecords
package import Foundation

/// The store-independent rules of an append, so every ``LedgerStore`` applies the same ones:
/// the entry size limit, which entries are new and where they go, the log's clock, and the
/// check of what the tree builder returns.
package struct AppendPlan {
    /// One outcome per entry, in the order given.
    package private(set) var outcomes: [AppendOutcome] = []
    /// The entries to write, in index order from the previous size.
    package private(set) var fresh: [PendingEntry] = []
    let previousSize: UInt64

    /// Refuses entries over tlog-tiles' 65,535-byte limit before anything is read.
    package static func checkSizes(_ entries: [PendingEntry]) throws {
        for entry in entries where entry.body.count > 65_535 {
            throw StorageError(
                .tooLarge,
                "record \(entry.recordID) is \(entry.body.count) bytes; a log entry holds at most 65535"
            )
        }
    }

    /// Splits `entries` into those already in the log (`existing` gives their index) or earlier
    /// in the batch, and new ones, numbered from `previousSize`.
    package init(
        _ entries: [PendingEntry],
        previousSize: UInt64,
        existing: (RecordID) throws -> UInt64?
    ) rethrows {
        self.previousSize = previousSize
        var batchIndex: [RecordID: UInt64] = [:]
        for entry in entries {
            if let index = try existing(entry.recordID) ?? batchIndex[entry.recordID] {
                outcomes.append(AppendOutcome(index: index, recordID: entry.recordID, isNew: false))
            } else {
                let index = previousSize + UInt64(fresh.count)
                batchIndex[entry.recordID] = index
                fresh.append(entry)
                outcomes.append(AppendOutcome(index: index, recordID: entry.recordID, isNew: true))
            }
        }
    }

    /// Runs the tree builder and checks that its checkpoint covers exactly the new entries.
    package func integrate(
        _ integrate: (IntegrationInput) throws -> Integration,
        previous: TreeHead,
        rightEdge: [StoredNode],
        integratedAt: Date,
        lastWatchedIndex: UInt64?
    ) throws -> Integration {
        let integration = try integrate(
            IntegrationInput(
                previous: previous,
                rightEdge: rightEdge,
                newLeafHashes: fresh.map(\.leafHash),
                integratedAt: integratedAt,
                lastWatchedIndex: lastWatchedIndex
            )
        )
        let expected = previousSize + UInt64(fresh.count)
        guard integration.head.size == expected else {
            throw StorageError(
                .conflict,
                "the new checkpoint covers \(integration.head.size) entries, expected \(expected)"
            )
        }
        return integration
    }

    /// Log times are stored as milliseconds since the epoch.
    package static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    package static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// The time the new entries get: now, or the last entry's time if the system clock went
    /// back — the log's clock never runs backwards.
    package static func logTime(after lastMilliseconds: Int64) -> Int64 {
        max(milliseconds(Date()), lastMilliseconds)
    }
}
