import ColophonLedger
import Dispatch
import Foundation

/// An empty ledger in a scratch folder, for the harnesses that feed what the server feeds it.
enum FuzzLedger {
    /// Created on first use; nil (and said on standard error) when the scratch folder refuses it.
    static let shared: Ledger? = {
        let scratch = ProcessInfo.processInfo.environment["COLOPHON_FUZZ_SCRATCH"] ?? NSTemporaryDirectory()
        let folder = scratch + "/ledger-\(getpid())"
        let box = Box()
        wait {
            do {
                box.ledger = try await Ledger.create(at: LedgerDirectory(folder), origin: "fuzz.example/log")
            } catch {
                FileHandle.standardError.write(Data("cannot create a ledger at \(folder): \(error)\n".utf8))
            }
        }
        return box.ledger
    }()

    /// Runs ledger work to its end from libFuzzer's synchronous callback.
    static func wait(_ work: @escaping @Sendable () async -> Void) {
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            await work()
            done.signal()
        }
        done.wait()
    }

    /// Carries the ledger out of the task that creates it; written once, before `wait` returns.
    private final class Box: @unchecked Sendable {
        var ledger: Ledger?
    }
}
