import Foundation
import Synchronization

/// A one-line progress bar on standard error, redrawn at most ten times a second; shown only on
/// a terminal and never with `--json`, so pipes and scripts see nothing of it. Sendable: a
/// library call may report from whichever task does the work.
final class ProgressBar: Sendable {
    /// What is counted: items (images, pages, records) or bytes, shown in MB.
    enum Unit: Sendable {
        case items(String)
        case bytes
    }

    let enabled: Bool
    let unit: Unit
    private let state: Mutex<State>
    private let started = Date()

    private struct State {
        var total: Int
        var done = 0
        var failed = 0
        var lastDraw = Date.distantPast
        var drawn = false
    }

    /// A bar for `total` units, drawn when `json` is false and standard error is a terminal.
    convenience init(total: Int, json: Bool, unit: Unit = .items("")) {
        self.init(total: total, enabled: !json && isatty(STDERR_FILENO) == 1, unit: unit)
    }

    init(total: Int, enabled: Bool, unit: Unit = .items("")) {
        self.enabled = enabled
        self.unit = unit
        self.state = Mutex(State(total: total))
    }

    /// One more item done.
    func advance(failed didFail: Bool = false) {
        state.withLock { state in
            state.done += 1
            if didFail { state.failed += 1 }
            draw(&state)
        }
    }

    /// `done` of `total` units done (a library's report).
    func update(done: Int, total: Int) {
        state.withLock { state in
            state.done = done
            state.total = total
            draw(&state)
        }
    }

    /// Runs `body` and ends the bar's line however it ends, so what is printed next (a report,
    /// an error) starts on a line of its own.
    func finishing<T, E: Error>(_ body: () async throws(E) -> T) async throws(E) -> T {
        defer { finish() }
        return try await body()
    }

    func finishingBlocking<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        defer { finish() }
        return try body()
    }

    func finish() {
        state.withLock { state in
            if state.drawn { FileHandle.standardError.write(Data("\n".utf8)) }
            state.drawn = false
        }
    }

    private func draw(_ state: inout State) {
        let now = Date()
        guard enabled, now.timeIntervalSince(state.lastDraw) > 0.1 || state.done == state.total else { return }
        state.lastDraw = now
        state.drawn = true
        let width = 30
        let filled = state.total <= 0 ? width : width * min(state.done, state.total) / state.total
        let seconds = max(now.timeIntervalSince(started), 0.001)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let counts: String
        switch unit {
        case .items(let name):
            let rate = String(format: "%.1f", Double(state.done) / seconds)
            counts = "\(state.done)/\(state.total)\(name.isEmpty ? "" : " " + name)  \(rate)/s"
        case .bytes:
            let megabytes = { (bytes: Int) in String(format: "%.0f", Double(bytes) / 1_048_576) }
            let rate = String(format: "%.0f", Double(state.done) / 1_048_576 / seconds)
            counts = "\(megabytes(state.done))/\(megabytes(state.total)) MB  \(rate) MB/s"
        }
        let line = "\r\(bar) \(counts)" + (state.failed > 0 ? "  \(state.failed) failed" : "")
        FileHandle.standardError.write(Data(line.utf8))
    }
}
