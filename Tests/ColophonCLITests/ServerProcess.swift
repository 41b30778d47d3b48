import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `colophon serve` process on a free loopback port, and a small HTTP client for it.
final class ServerProcess: @unchecked Sendable {
    struct Reply {
        let status: Int
        let headers: [String: String]
        let body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        }
        /// The `error` object of a JSON error reply.
        var error: [String: Any] { json["error"] as? [String: Any] ?? [:] }
    }

    let process = Process()
    let port: Int
    let errors: URL

    /// Starts `colophon serve --port 0 ARGUMENTS` (or another serving command) and waits for it
    /// to listen.
    init(
        _ arguments: [String],
        in folder: URL,
        command: [String] = ["serve"],
        environment: [String: String] = [:]
    ) throws {
        process.executableURL = CLI.binary
        process.arguments = command + ["--port", "0"] + arguments
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { $1 }
        process.environment = merged
        let output = Pipe()
        errors = folder.appendingPathComponent("serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let portText = text.split(separator: ":").last?.trimmingCharacters(in: .whitespacesAndNewlines),
            let port = Int(portText)
        else {
            process.terminate()
            throw ServerError(
                message: "colophon serve did not start: \(text) \(try String(contentsOf: errors, encoding: .utf8))"
            )
        }
        self.port = port
    }

    struct ServerError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// Sends SIGTERM and waits for the process to exit; returns its status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    var log: String { (try? String(contentsOf: errors, encoding: .utf8)) ?? "" }

    func request(
        _ method: String,
        _ path: String,
        body: Data? = nil,
        headers: [String: String] = [:]
    ) async throws -> Reply {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else {
            throw ServerError(message: "bad path \(path)")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http?.allHeaderFields ?? [:] {
            fields[String(describing: name).lowercased()] = String(describing: value)
        }
        return Reply(status: http?.statusCode ?? 0, headers: fields, body: data)
    }

    func get(_ path: String) async throws -> Reply {
        try await request("GET", path)
    }

    func post(_ path: String, _ body: Data, headers: [String: String] = [:]) async throws -> Reply {
        try await request("POST", path, body: body, headers: headers)
    }
}
