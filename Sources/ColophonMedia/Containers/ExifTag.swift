/// One EXIF/TIFF directory entry with its raw value bytes (already resolved from an offset
/// when they did not fit in the entry).
public struct ExifTag: Hashable, Sendable {
    /// The directory the tag came from.
    public enum Directory: String, Hashable, Sendable {
        case ifd0
        case exif
    }

    public var tag: UInt16
    public var type: UInt16
    public var count: UInt32
    public var value: [UInt8]
    public var directory: Directory

    public init(tag: UInt16, type: UInt16, count: UInt32, value: [UInt8], directory: Directory) {
        self.tag = tag
        self.type = type
        self.count = count
        self.value = value
        self.directory = directory
    }

    /// Well-known tags Colophon reads.
    public static let imageDescription: UInt16 = 0x010E
    public static let make: UInt16 = 0x010F
    public static let model: UInt16 = 0x0110
    public static let software: UInt16 = 0x0131
    public static let exifPointer: UInt16 = 0x8769
    public static let userComment: UInt16 = 0x9286
    public static let makerNote: UInt16 = 0x927C
    public static let xpComment: UInt16 = 0x9C9C
}
