import Foundation

/// Runs the built `colophon` binary the way a user does, in a temporary folder.
final class CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String

        /// The parsed JSON document on standard output.
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:]
        }
    }

    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["COLOPHON_BINARY"] {
            return URL(fileURLWithPath: path)
        }
        // Tests run from the build products folder, where `colophon` is built beside them.
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("colophon")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/colophon")
    }()

    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("colophon-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    var ledger: String { root.appendingPathComponent("ledger").path }

    func path(_ name: String) -> String {
        root.appendingPathComponent(name).path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
        return path(name)
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        try Data(bytes).write(to: URL(fileURLWithPath: path(name)))
        return path(name)
    }

    /// Runs `colophon ARGUMENTS --ledger <this ledger>`.
    @discardableResult
    func run(_ arguments: String..., stdin: String? = nil, useLedger: Bool = true) throws -> Result {
        try run(arguments, stdin: stdin, useLedger: useLedger)
    }

    func run(_ arguments: [String], stdin: String? = nil, useLedger: Bool = true) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments + (useLedger ? ["--ledger", ledger] : [])
        process.currentDirectoryURL = root
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self)
        )
    }

    /// A ledger with one generator key named "studio".
    static func withLedger() throws -> CLI {
        let cli = try CLI()
        let created = try cli.run("init", "--origin", "cli.colophon.example/log")
        precondition(created.status == 0, created.stderr)
        let key = try cli.run("key", "new", "studio", "--role", "generator")
        precondition(key.status == 0, key.stderr)
        return cli
    }

    /// A valid generation statement about `seed`.
    static func statement(_ seed: Int) -> String {
        let digest = String(repeating: String(seed % 10), count: 64)
        return """
            {"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"\(seed).png","digest":{"sha256":"\(digest)"}}],
             "predicateType":"https://colophon.dev/predicate/generation@v1",
             "predicate":{"createdAt":"2026-11-29T10:00:00Z","originClass":"ai_generated",
             "digitalSourceType":"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia","contentId":"c\(seed)"}}
            """
    }
}
