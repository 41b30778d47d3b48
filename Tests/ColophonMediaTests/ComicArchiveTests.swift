import ColophonCrypto
import ColophonMedia
import Foundation
import Testing

/// Comics as CBZ and folders: reading order, ComicInfo.xml, and hostile archives refused with
/// the reason.
@Suite struct ComicArchiveTests {
    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("colophon-comic-\(UUID().uuidString)-\(name)")
            .path
    }

    static func write(_ bytes: [UInt8], _ name: String = "comic.cbz") throws -> String {
        let path = temporary(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let page = (try? PNGEncoder.encode(SampleArt.lighthouse(side: 16))) ?? []

    static func reason(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func readingOrderComparesNumbersAsNumbers() {
        let names = ["page-10.png", "page-2.png", "page-1.png", "Page-02b.png", "cover.png", "page-001.png"]
        #expect(
            names.sorted(by: ComicBook.readingOrder)
                == ["cover.png", "page-1.png", "page-001.png", "page-2.png", "Page-02b.png", "page-10.png"]
        )
    }

    @Test func cbzRoundTripsThroughTheWriterAndReader() throws {
        var info = ComicInfo()
        info.title = "Fish & <Chips>"
        info.writer = "Ann, Bob"
        info.pageCount = 2
        let bytes = try ComicArchive.cbz(
            pages: [("page-2.png", Self.page + [1]), ("page-10.png", Self.page)],
            comicInfo: info,
            manifest: Array("{}".utf8)
        )
        let path = try Self.write(bytes)
        let book = try ComicArchive.read(path: path)
        #expect(book.pages.map(\.name) == ["page-2.png", "page-10.png"])
        #expect(book.pages[1].sha256 == SHA256.hash(Self.page).hex)
        #expect(book.comicInfo?.title == "Fish & <Chips>")
        #expect(book.comicInfo?.creators.first?.names == ["Ann", "Bob"])
        #expect(book.manifest == Array("{}".utf8))
        // The same pages as a folder.
        let folder = Self.temporary("folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for page in book.pages { try Data(page.read()).write(to: URL(fileURLWithPath: folder + "/" + page.name)) }
        try Data("notes".utf8).write(to: URL(fileURLWithPath: folder + "/readme.txt"))
        let fromFolder = try ComicArchive.read(path: folder)
        #expect(fromFolder.pages.map(\.sha256) == book.pages.map(\.sha256))
        #expect(fromFolder.ignored == ["readme.txt"])
    }

    @Test(
        arguments: [
            ("../evil.png", "zip-slip"), ("/etc/evil.png", "zip-slip"), ("a\\..\\b.png", "zip-slip"),
            ("pages/../../x.png", "zip-slip"), ("C:/x.png", "zip-slip"), ("bad\u{1}.png", "control characters"),
        ]
    )
    func hostileNamesAreRefused(name: String, reason: String) throws {
        var zip = ZipBuilder()
        zip.add("page-1.png", Self.page)
        zip.add(name, Self.page)
        let path = try Self.write(zip.bytes)
        let message = Self.reason { _ = try ComicArchive.read(path: path) }
        #expect(message.contains(reason), "\(message)")
    }

    /// A small archive whose central directory lists one stored entry under thousands of names:
    /// it passed every per-entry check and inflated to gigabytes in memory. Refused before any
    /// entry is inflated.
    @Test func oneStoredEntryUnderManyNamesIsRefused() throws {
        var zip = ZipBuilder()
        zip.add("page-0.png", [UInt8](repeating: 0x41, count: 100_000))
        for index in 1...2_000 { zip.aliases.append(("page-\(index).png", 0)) }
        let path = try Self.write(zip.bytes)
        let clock = ContinuousClock()
        let started = clock.now
        let message = Self.reason { _ = try ComicArchive.read(path: path) }
        #expect(message.contains("entries overlap"), "\(message)")
        #expect(clock.now - started < .seconds(2))
        // Bundles are read through the same reader.
        let bundle = Self.reason {
            _ = try ZipReader.read(
                path: path,
                what: "bundle",
                limits: ZipLimits(maxEntries: 10_000, maxTotalBytes: 8 << 30, maxCompressionRatio: 200)
            ) { _ in 1 << 30 }
        }
        #expect(bundle.contains("entries overlap"), "\(bundle)")
    }

    /// Pages are hashed while the archive is read and fetched again only when asked for: the
    /// book holds none of their bytes, and a page changed in between is refused.
    @Test func pagesAreReadWhenNeeded() throws {
        var zip = ZipBuilder()
        zip.add("page-1.png", Self.page)
        zip.add("ComicInfo.xml", Array("<ComicInfo><Title>T</Title></ComicInfo>".utf8))
        let path = try Self.write(zip.bytes, "lazy.cbz")
        let book = try ComicArchive.read(path: path)
        #expect(book.pages.count == 1)
        #expect(book.pages[0].size == Self.page.count)
        #expect(try book.pages[0].read() == Self.page)
        var changed = ZipBuilder()
        changed.add("page-1.png", Self.page + [0])
        try Data(changed.bytes).write(to: URL(fileURLWithPath: path))
        #expect(Self.reason { _ = try book.pages[0].read() }.contains("changed"))

        let folder = Self.temporary("lazy-folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(Self.page).write(to: URL(fileURLWithPath: folder + "/page-1.png"))
        let fromFolder = try ComicArchive.read(path: folder)
        #expect(try fromFolder.pages[0].read() == Self.page)
        try Data(Self.page.reversed()).write(to: URL(fileURLWithPath: folder + "/page-1.png"))
        #expect(Self.reason { _ = try fromFolder.pages[0].read() }.contains("changed"))
    }

    @Test func duplicatesBombsAndLiesAreRefused() throws {
        var duplicate = ZipBuilder()
        duplicate.add("page-1.png", Self.page)
        duplicate.add("page-1.png", Self.page + [0])
        #expect(Self.reason { _ = try ComicArchive.read(path: try Self.write(duplicate.bytes)) }.contains("twice"))

        // Declares 200 MB from 64 bytes: refused before anything is inflated.
        var bomb = ZipBuilder()
        bomb.add("page-1.png", [UInt8](repeating: 0, count: 64), method: 8, declaredSize: 200 << 20)
        #expect(Self.reason { _ = try ComicArchive.read(path: try Self.write(bomb.bytes)) }.contains("zip bomb"))

        // Over the per-entry limit.
        var huge = ZipBuilder()
        huge.add("page-1.png", Self.page, declaredSize: 1 << 30)
        let limits = ComicArchiveLimits(maxEntryBytes: 1 << 20)
        #expect(
            Self.reason { _ = try ComicArchive.read(path: try Self.write(huge.bytes), limits: limits) }.contains(
                "limit"
            )
        )

        // A deflated entry that inflates to more than it declares.
        let packed = try ComicArchive.cbz(pages: [], comicInfo: nil, manifest: [UInt8](repeating: 0x20, count: 100_000))
        var lying = packed
        // The local and central headers both declare 100000 (0x0186A0) bytes: declare 1000.
        for index in lying.indices.dropLast(3)
        where lying[index] == 0xA0 && lying[index + 1] == 0x86 && lying[index + 2] == 0x01 && lying[index + 3] == 0 {
            lying[index] = 0xE8
            lying[index + 1] = 0x03
            lying[index + 2] = 0
        }
        let message = Self.reason { _ = try ComicArchive.read(path: try Self.write(lying)) }
        #expect(message.contains("declares") || message.contains("cannot be read"), "\(message)")

        var twoInfos = ZipBuilder()
        twoInfos.add("ComicInfo.xml", Array("<ComicInfo/>".utf8))
        twoInfos.add("extra/comicinfo.xml", Array("<ComicInfo/>".utf8))
        #expect(Self.reason { _ = try ComicArchive.read(path: try Self.write(twoInfos.bytes)) }.contains("a second"))
        var dotted = ZipBuilder()
        dotted.add("page-1.png", Self.page)
        dotted.add("./page-1.png", Self.page)
        #expect(Self.reason { _ = try ComicArchive.read(path: try Self.write(dotted.bytes)) }.contains("component"))

        var tooMany = ZipBuilder()
        for index in 0..<5 { tooMany.add("p\(index).png", Self.page) }
        #expect(
            Self.reason {
                _ = try ComicArchive.read(
                    path: try Self.write(tooMany.bytes),
                    limits: ComicArchiveLimits(maxEntries: 3)
                )
            }.contains("more than 3 entries")
        )
    }

    @Test func damagedEntriesFailTheirCRC() throws {
        var bytes = try ComicArchive.cbz(pages: [("page-1.png", Self.page)], comicInfo: nil, manifest: nil)
        // The page is stored: its bytes follow the 30-byte local header and the 10-byte name.
        bytes[30 + 10 + 20] ^= 0xFF
        let message = Self.reason { _ = try ComicArchive.read(path: try Self.write(bytes)) }
        #expect(message.contains("CRC-32"), "\(message)")
    }

    @Test func truncatedAndForeignFilesAreMalformed() throws {
        let bytes = try ComicArchive.cbz(pages: [("page-1.png", Self.page)], comicInfo: nil, manifest: nil)
        for broken in [Array(bytes.prefix(bytes.count / 2)), Array("not a zip at all".utf8), []] {
            #expect(throws: MediaError.self) { try ComicArchive.read(path: try Self.write(broken)) }
        }
        #expect(throws: MediaError.self) { try ComicArchive.read(path: Self.temporary("absent.cbz")) }
    }

    @Test func symbolicLinksInAFolderAreNotFollowed() throws {
        let folder = Self.temporary("links")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(Self.page).write(to: URL(fileURLWithPath: folder + "/page-1.png"))
        try FileManager.default.createSymbolicLink(atPath: folder + "/page-2.png", withDestinationPath: "/etc/passwd")
        let book = try ComicArchive.read(path: folder)
        #expect(book.pages.map(\.name) == ["page-1.png"])
        #expect(book.ignored == ["page-2.png"])
    }

    @Test func comicInfoIsReadStrictly() throws {
        let good = """
            <?xml version="1.0"?>
            <ComicInfo><Title>The Keeper</Title><Writer>Kris</Writer><Letterer>Kris, Sam</Letterer>
            <PageCount>3</PageCount><Pages><Page Image="0" Type="FrontCover"/></Pages></ComicInfo>
            """
        let info = try ComicInfo(xml: Array(good.utf8))
        #expect(info.title == "The Keeper" && info.pageCount == 3)
        #expect(info.creators.map(\.role) == ["Writer", "Letterer"])
        #expect(try ComicInfo(xml: Array(info.xml.utf8)) == info)
        let bomb = """
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>
            <ComicInfo><Title>&lol2;</Title></ComicInfo>
            """
        for text in [bomb, "<ComicInfo><Title>open", "<Other/>", "", "\u{FEFF}<<<"] {
            #expect(throws: MediaError.self) { try ComicInfo(xml: Array(text.utf8)) }
        }
        // Found by fuzzing (Fuzz/Regressions/comicinfo): a processing instruction without data
        // made FoundationXML read a null pointer. Refused before parsing, with or without a
        // declaration in front; the declaration itself is still accepted.
        for text in [
            "<?xmcIn16XM?>>Se/Ti<", "<?xml version=\"1.0\"?><ComicInfo><?pi?></ComicInfo>",
            "<ComicInfo><?a b?></ComicInfo>",
        ] {
            #expect(Self.reason { _ = try ComicInfo(xml: Array(text.utf8)) }.contains("processing instruction"))
        }
        #expect(try ComicInfo(xml: Array("\u{FEFF}<?xml version=\"1.0\"?>\n<ComicInfo/>".utf8)).title == nil)
        // UTF-16 would hide a DOCTYPE from the check: refused as not UTF-8.
        let utf16: [UInt8] = [0xFF, 0xFE] + bomb.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(Self.reason { _ = try ComicInfo(xml: utf16) }.contains("not UTF-8"))
    }
}
