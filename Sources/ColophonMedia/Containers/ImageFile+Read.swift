extension ImageFile {
    /// The bytes of the file at `path`, read with one `fstat` and `pread` calls: reading many
    /// small images, Foundation's `Data(contentsOf:)` costs more than parsing them.
    public static func readBytes(path: String, limit: Int) throws(MediaError) -> [UInt8] {
        let file = try RegularFile(path: path)
        guard file.size <= limit else {
            throw MediaError(.tooLarge, "\(path): \(file.size) bytes, more than the \(limit)-byte limit")
        }
        return try file.read(offset: 0, count: file.size)
    }
}
