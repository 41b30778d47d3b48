import ColophonRecords
import Foundation

/// Prints a command's result: human text, or with `--json` one canonical JSON document.
struct Output {
    let json: Bool

    /// Prints `report` as JSON, or `text` for people.
    func emit(_ report: some Encodable, text: @autoclosure () -> String) throws {
        if json {
            let value = try JSONValue(encoding: report)
            Terminal.out(String(decoding: try CanonicalJSON.encode(value), as: UTF8.self))
        } else {
            Terminal.out(text())
        }
    }
}
