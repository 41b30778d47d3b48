import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Long commands draw a progress bar on a terminal, and never in a pipe or with `--json`: run as
/// a user at a terminal would (standard error on a pseudo-terminal) and as a script would.
@Suite struct ProgressTests {
    /// Runs `colophon ARGUMENTS` with standard error on a new pseudo-terminal; what it drew there.
    static func onTerminal(_ cli: CLI, _ arguments: [String]) throws -> (status: Int32, terminal: String) {
        var controller: Int32 = -1
        var terminal: Int32 = -1
        guard openpty(&controller, &terminal, nil, nil, nil) == 0 else {
            throw CocoaError(.featureUnsupported)
        }
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = cli.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(fileDescriptor: terminal, closeOnDealloc: false)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        close(terminal)
        // Read while it runs, so a full terminal buffer never blocks it; EIO means it closed.
        var drawn: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(controller, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            drawn += buffer[0..<count]
        }
        close(controller)
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: drawn, as: UTF8.self))
    }

    static let bar = "░"

    @Test func modelHashingShowsBytesOnATerminalOnly() throws {
        let cli = try CLI.withLedger()
        // 12 MB: three chunks of the hasher.
        let weights = try cli.write("big.ckpt", bytes: [UInt8](repeating: 7, count: 12 << 20))
        let shown = try Self.onTerminal(cli, ["model", "add", weights, "--key", "studio", "--ledger", cli.ledger])
        #expect(shown.status == 0, "\(shown.terminal)")
        #expect(shown.terminal.contains(Self.bar) || shown.terminal.contains("█"))
        #expect(shown.terminal.contains("12/12 MB"))
        let other = try cli.write("other.ckpt", bytes: [UInt8](repeating: 8, count: 12 << 20))
        let json = try Self.onTerminal(
            cli,
            ["model", "add", other, "--key", "studio", "--json", "--ledger", cli.ledger]
        )
        #expect(json.status == 0)
        #expect(!json.terminal.contains("MB"), "no bar with --json: \(json.terminal)")
        let third = try cli.write("third.ckpt", bytes: [UInt8](repeating: 9, count: 12 << 20))
        let piped = try cli.run("model", "add", third, "--key", "studio")
        #expect(piped.status == 0)
        #expect(!piped.stderr.contains("MB"), "no bar in a pipe: \(piped.stderr)")
    }

    @Test func exportBundleVerifyAndComicVerifyShowProgress() throws {
        let (cli, folder) = try ComicCLITests.quickstart()
        let ledger = folder + "/ledger"
        let cbz = folder + "/lighthouse.cbz"
        let comic = try Self.onTerminal(cli, ["verify", cbz, "--ledger", ledger])
        #expect(comic.status == 0, "\(comic.terminal)")
        #expect(comic.terminal.contains("3/3 pages"))
        #expect(comic.terminal.contains(" MB "), "the CBZ's bytes read: \(comic.terminal)")
        let bundle = cli.path("comic.zip")
        let exported = try Self.onTerminal(
            cli,
            ["export", "--work", "lighthouse", "--out", bundle, "--key", "press", "--ledger", ledger]
        )
        #expect(exported.status == 0, "\(exported.terminal)")
        #expect(exported.terminal.contains(" records "))
        let verified = try Self.onTerminal(cli, ["bundle", "verify", bundle])
        #expect(verified.status == 0, "\(verified.terminal)")
        #expect(verified.terminal.contains(" records "))
        let quiet = try Self.onTerminal(cli, ["bundle", "verify", bundle, "--json"])
        #expect(quiet.status == 0)
        #expect(!quiet.terminal.contains(" records "), "no bar with --json: \(quiet.terminal)")
        let piped = try cli.run(["verify", cbz, "--ledger", ledger], useLedger: false)
        #expect(!piped.stderr.contains("pages"), "no bar in a pipe: \(piped.stderr)")
    }
}
