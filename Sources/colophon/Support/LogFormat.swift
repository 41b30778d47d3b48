import ArgumentParser
import ColophonServer
import Logging

/// How the servers log: a text line per event, or one JSON object per line.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json

    /// Sends every logger of the process to standard error in this format, at info level.
    func bootstrap() {
        LoggingSystem.bootstrap { label in
            switch self {
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = .info
                return handler
            case .json:
                return JSONLogHandler(label: label)
            }
        }
    }
}
