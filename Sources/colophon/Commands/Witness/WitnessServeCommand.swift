import ArgumentParser
import ColophonLog
import ColophonServer
import Foundation
import Logging

struct WitnessServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run a witness: POST /add-checkpoint as C2SP tlog-witness specifies.",
        discussion: """
            Prints "listening on http://HOST:PORT" once it accepts connections. What it cosigned is kept in --state, written before each answer.
            """
    )

    @Option(help: ArgumentHelp("The witness's private key (from witness new).", valueName: "file"))
    var key: String

    @Option(help: ArgumentHelp("A log to witness: its vkey, or a file holding it. Repeat for more.", valueName: "vkey"))
    var log: [String] = []

    @Option(help: ArgumentHelp("The state file: the newest cosigned checkpoint per log.", valueName: "file"))
    var state: String

    @Option(help: ArgumentHelp("Logs on standard error: text lines, or one JSON object per line.", valueName: "format"))
    var logFormat = LogFormat.text

    @Option(help: ArgumentHelp("The address to listen on.", valueName: "host"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("The port; 0 picks a free one.", valueName: "port"))
    var port = 8081

    func validate() throws {
        guard !log.isEmpty else { throw ValidationError("give at least one --log VKEY") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
    }

    /// Synchronous on purpose: the release build's coroutine splitting crashed on these
    /// typed-throws calls inside the async `run`.
    private func makeWitness() throws -> Witness {
        let signer: NoteSigner
        do {
            signer = try NoteSigner.witness(privateKeyText: InputFile.readText(key, limit: 4096, what: "witness key"))
        } catch let error as LogError {
            throw Failure(Failure.usage, "\(key): \(error.reason)")
        }
        var logs: [NoteVerifier] = []
        for value in log {
            let text =
                FileManager.default.fileExists(atPath: value)
                ? try InputFile.readText(value, limit: 4096, what: "vkey") : value
            do {
                logs.append(try NoteVerifier(vkey: text.trimmingCharacters(in: .whitespacesAndNewlines)))
            } catch {
                throw Failure(Failure.usage, "\(value) is not a log vkey: \(error.reason)")
            }
        }
        do {
            return try Witness(signer: signer, logs: logs, statePath: state)
        } catch {
            throw Failure(Failure.usage, error.reason)
        }
    }

    func run() async throws {
        let witness = try makeWitness()
        logFormat.bootstrap()
        let host = self.host
        let server = WitnessServer(witness: witness, host: host, port: port, logger: Logger(label: "colophon.witness"))
        try await server.run { port in Terminal.out("listening on http://\(host):\(port)") }
    }
}
