import Foundation
import Synchronization

/// Token buckets by key: each key may spend `rate` requests a second, saving up to `burst`
/// (by default twice the rate, and at least 2). The table is bounded: when full, its least
/// recently used half is dropped (a dropped key starts again with a full bucket).
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    let rate: Double
    let burst: Double
    private let buckets = Mutex<[String: Bucket]>([:])
    private static let maximumKeys = 100_000

    init(rate: Double, burst: Double? = nil) {
        self.rate = rate
        self.burst = burst ?? max(rate * 2, 2)
    }

    /// Spends `cost` tokens of `key`; returns the seconds to wait when there are not enough.
    func spend(_ key: String, cost: Double = 1, now: ContinuousClock.Instant = .now) -> Double? {
        buckets.withLock { table in
            if table.count >= Self.maximumKeys {
                // The least recently used half goes, whatever the clock says: a flood of fresh
                // keys cannot keep the table full (nor every spend rescanning it).
                let cutoff = table.values.map(\.updated).sorted()[table.count / 2]
                table = table.filter { $0.value.updated > cutoff }
            }
            var bucket = table[key] ?? Bucket(tokens: burst, updated: now)
            let elapsed = now - bucket.updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(burst, bucket.tokens + seconds * rate)
            bucket.updated = now
            defer { table[key] = bucket }
            guard bucket.tokens >= cost else {
                return (cost - bucket.tokens) / max(rate, 0.000_001)
            }
            bucket.tokens -= cost
            return nil
        }
    }
}
