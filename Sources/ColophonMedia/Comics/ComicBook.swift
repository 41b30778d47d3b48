/// A comic as a publisher receives it: page images in reading order, the ComicInfo.xml
/// metadata, and the Colophon work manifest when the archive carries one.
public struct ComicBook: Sendable {
    /// The name of the Colophon work manifest inside an archive or folder.
    public static let manifestName = "colophon-work.json"
    /// The name of the comic metadata file.
    public static let comicInfoName = "ComicInfo.xml"

    public var pages: [ComicPage]
    public var comicInfo: ComicInfo?
    /// Why ComicInfo.xml was present but unreadable.
    public var comicInfoProblem: String?
    /// The manifest's bytes, unparsed: the ledger reads them.
    public var manifest: [UInt8]?
    /// Entries that are neither pages nor metadata, and were ignored.
    public var ignored: [String]

    public init(
        pages: [ComicPage],
        comicInfo: ComicInfo? = nil,
        comicInfoProblem: String? = nil,
        manifest: [UInt8]? = nil,
        ignored: [String] = []
    ) {
        self.pages = pages
        self.comicInfo = comicInfo
        self.comicInfoProblem = comicInfoProblem
        self.manifest = manifest
        self.ignored = ignored
    }

    /// Whether an entry name is a page image, by its extension.
    public static func isPage(_ name: String) -> Bool {
        let lower = name.lowercased()
        return [".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif", ".jxl", ".bmp"].contains { lower.hasSuffix($0) }
    }

    /// Reading order: names compared with their digit runs as numbers, so "page-2" comes
    /// before "page-10".
    public static func readingOrder(_ a: String, _ b: String) -> Bool {
        let left = chunks(a.lowercased())
        let right = chunks(b.lowercased())
        for (x, y) in zip(left, right) where x != y {
            if let m = x.first?.isASCIIDigit, m, y.first?.isASCIIDigit == true {
                let p = x.drop { $0 == "0" }
                let q = y.drop { $0 == "0" }
                if p.count != q.count { return p.count < q.count }
                if p != q { return p < q }
                return x.count < y.count
            }
            return x < y
        }
        return left.count < right.count
    }

    /// The name cut into runs of digits and runs of everything else.
    static func chunks(_ text: String) -> [Substring] {
        var result: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            if next < text.endIndex, text[index].isASCIIDigit != text[next].isASCIIDigit {
                result.append(text[start..<next])
                start = next
            }
            index = next
        }
        if start < text.endIndex { result.append(text[start...]) }
        return result
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
