import Foundation

/// A one-line progress bar on standard error, redrawn at most ten times a second.
final class ProgressBar {
    let total: Int
    let enabled: Bool
    private var done = 0
    private var failed = 0
    private var lastDraw = Date.distantPast
    private let started = Date()

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func advance(failed didFail: Bool) {
        done += 1
        if didFail { failed += 1 }
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
        lastDraw = Date()
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let rate = Double(done) / max(Date().timeIntervalSince(started), 0.001)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line =
            "\r\(bar) \(done)/\(total)  \(String(format: "%.1f", rate))/s" + (failed > 0 ? "  \(failed) failed" : "")
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if enabled, total > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
