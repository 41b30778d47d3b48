/// An image file of any supported format, parsed into its container so that metadata can be
/// read and XMP written while the compressed pixels stay byte for byte as they were.
public struct ImageFile: Sendable {
    /// The parsed container.
    public enum Container: Sendable {
        case png(PNGFile)
        case jpeg(JPEGFile)
        case webp(WebPFile)
    }

    public let bytes: [UInt8]
    public let container: Container

    public var mediaType: MediaType {
        switch container {
        case .png: .png
        case .jpeg: .jpeg
        case .webp: .webp
        }
    }

    public init(bytes: [UInt8]) throws(MediaError) {
        self.bytes = bytes
        switch MediaType.sniff(bytes) {
        case .png: container = .png(try PNGFile(bytes: bytes))
        case .jpeg: container = .jpeg(try JPEGFile(bytes: bytes))
        case .webp: container = .webp(try WebPFile(bytes: bytes))
        case nil: throw MediaError(.unsupported, "not a PNG, JPEG or WebP file")
        }
    }

    /// PNG text chunks (empty for other formats).
    public func texts(problems: inout [String]) -> [PNGText] {
        if case .png(let png) = container { return png.texts(problems: &problems) }
        return []
    }

    /// The EXIF block: JPEG APP1, WebP `EXIF`, or PNG `eXIf`.
    public var exifBytes: [UInt8]? {
        switch container {
        case .png(let png): png.chunks.first { $0.type == "eXIf" }.map { Array($0.data) }
        case .jpeg(let jpeg): jpeg.exif
        case .webp(let webp): webp.exif
        }
    }

    /// The XMP packet: PNG `iTXt` `XML:com.adobe.xmp`, JPEG APP1, WebP `XMP `.
    public var xmp: String? {
        switch container {
        case .png(let png): png.texts(keyword: XMPPacket.pngKeyword).first?.text
        case .jpeg(let jpeg): jpeg.xmp
        case .webp(let webp): webp.xmp
        }
    }

    /// Canvas size from the container header, without decoding pixels.
    public var dimensions: (width: Int, height: Int)? {
        switch container {
        case .png(let png): png.dimensions
        case .jpeg(let jpeg): jpeg.dimensions
        case .webp(let webp): webp.dimensions
        }
    }

    /// The file's bytes with an XMP packet added or replaced; every other byte of metadata and
    /// all compressed pixel data are kept.
    ///
    /// What is written is read back before it is returned: it must parse as the same kind of
    /// image, of the same size, with the same compressed picture and this packet in it — a
    /// caller may replace the original with it.
    public func embeddingXMP(_ packet: String) throws(MediaError) -> [UInt8] {
        let written: [UInt8]
        switch container {
        case .png(var png):
            try png.setText(PNGText(keyword: XMPPacket.pngKeyword, text: packet, kind: .internationalText))
            written = png.serialized()
        case .jpeg(var jpeg):
            try jpeg.setXMP(packet)
            written = jpeg.serialized()
        case .webp(var webp):
            try webp.setXMP(packet)
            written = webp.serialized()
        }
        let reread: ImageFile
        do {
            reread = try ImageFile(bytes: written)
        } catch {
            throw MediaError(.malformed, "the file written with the XMP packet does not read back: \(error.reason)")
        }
        guard reread.mediaType == mediaType,
            reread.dimensions.map({ [$0.width, $0.height] }) == dimensions.map({ [$0.width, $0.height] }),
            reread.picture == picture, reread.xmp == packet
        else {
            throw MediaError(
                .malformed,
                "the file written with the XMP packet reads back differently; nothing was written"
            )
        }
        return written
    }

    /// The compressed picture, apart from any metadata: what embedding must never change.
    var picture: [UInt8] {
        switch container {
        case .png(let png): png.chunks.filter { $0.type == "IDAT" }.flatMap(\.data)
        case .jpeg(let jpeg): Array(jpeg.scan)
        case .webp(let webp): Array(webp.bitstreamDigest.utf8)
        }
    }
}
