/// One JPEG marker segment before the scan data: the marker byte and its payload (without
/// the two length bytes).
public struct JPEGSegment: Hashable, Sendable {
    public var marker: UInt8
    public var payload: ArraySlice<UInt8>

    public init(marker: UInt8, payload: ArraySlice<UInt8>) {
        self.marker = marker
        self.payload = payload
    }

    public static let app0: UInt8 = 0xE0
    public static let app1: UInt8 = 0xE1
    public static let comment: UInt8 = 0xFE
    public static let startOfScan: UInt8 = 0xDA

    static let exifHeader: [UInt8] = Array("Exif\0\0".utf8)
    static let xmpHeader: [UInt8] = Array("http://ns.adobe.com/xap/1.0/\0".utf8)
    static let extendedXMPHeader: [UInt8] = Array("http://ns.adobe.com/xmp/extension/\0".utf8)

    var isExif: Bool { marker == Self.app1 && payload.starts(with: Self.exifHeader) }
    var isXMP: Bool { marker == Self.app1 && payload.starts(with: Self.xmpHeader) }
    var isExtendedXMP: Bool { marker == Self.app1 && payload.starts(with: Self.extendedXMPHeader) }
}
