import Foundation

/// Standard output and error, written without buffering surprises.
enum Terminal {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Whether standard output is a terminal (progress bars and colour only then).
    static var isInteractive: Bool {
        isatty(STDOUT_FILENO) == 1
    }
}
