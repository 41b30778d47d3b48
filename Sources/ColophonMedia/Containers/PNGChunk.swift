/// One PNG chunk: its four-letter type and its data. The data is a slice of the file it came
/// from, so reading and re-writing a file never copies pixel data.
public struct PNGChunk: Hashable, Sendable {
    /// The chunk type, four ASCII letters (`IHDR`, `IDAT`, `tEXt`, ...).
    public var type: String
    public var data: ArraySlice<UInt8>

    public init(type: String, data: ArraySlice<UInt8>) {
        self.type = type
        self.data = data
    }

    /// Critical chunks (upper-case first letter) carry the image; ancillary ones may be dropped.
    public var isCritical: Bool { type.first?.isUppercase ?? false }
}
