import Foundation

/// Reads the files a user names, with a size limit so a huge or endless input (a device, a
/// 100 MB "JSON" file) fails fast with a clear reason instead of exhausting memory.
enum InputFile {
    static func read(_ path: String, limit: Int, what: String) throws -> [UInt8] {
        if path == "-" {
            let data = FileHandle.standardInput.readData(ofLength: limit + 1)
            guard data.count <= limit else {
                throw Failure(Failure.usage, "\(what) on standard input is larger than \(limit) bytes")
            }
            return Array(data)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Failure(Failure.usage, "\(path): no such file")
        }
        guard !isDirectory.boolValue else {
            throw Failure(Failure.usage, "\(path) is a directory, not a \(what)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Failure(Failure.usage, "\(path): cannot be read (permission denied?)")
        }
        defer { try? handle.close() }
        let data = handle.readData(ofLength: limit + 1)
        guard data.count <= limit else {
            throw Failure(Failure.usage, "\(path) is larger than \(limit) bytes; not a \(what)")
        }
        return Array(data)
    }

    static func readText(_ path: String, limit: Int, what: String) throws -> String {
        let bytes = try read(path, limit: limit, what: what)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Failure(Failure.usage, "\(path) is not UTF-8 text; not a \(what)")
        }
        return text
    }
}
