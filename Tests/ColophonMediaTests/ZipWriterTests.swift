import ColophonMedia
import Foundation
import Testing

/// The zip writer against the zip reader (ZIPFoundation underneath) and Python's zipfile.
@Suite struct ZipWriterTests {
    static let limits = ZipLimits(maxEntries: 100_000, maxTotalBytes: 1 << 30, maxCompressionRatio: 10_000)

    static func roundTrip(_ entries: [ZipWriter.Entry]) throws -> [String: [UInt8]] {
        let path = ComicArchiveTests.temporary("zip")
        try Data(try ZipWriter.archive(entries)).write(to: URL(fileURLWithPath: path))
        let contents = try ZipReader.read(path: path, what: "test", limits: limits) { _ in 1 << 30 }
        return Dictionary(contents.entries.map { ($0.name, $0.bytes) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func storedAndDeflatedEntriesRoundTrip() throws {
        let text = Array(String(repeating: "a lighthouse at dawn, ", count: 500).utf8)
        let noise = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        let read = try Self.roundTrip([
            .init(name: "text.json", bytes: text, deflate: true),
            .init(name: "noise.bin", bytes: noise, deflate: true),
            .init(name: "dir/empty", bytes: [], deflate: true),
            .init(name: "page.png", bytes: noise, deflate: false),
        ])
        #expect(read["text.json"] == text && read["noise.bin"] == noise && read["page.png"] == noise)
        #expect(read["dir/empty"] == [])
        // The same entries give the same bytes.
        let entries: [ZipWriter.Entry] = [.init(name: "a", bytes: text, deflate: true)]
        #expect(try ZipWriter.archive(entries) == (try ZipWriter.archive(entries)))
        // Deflating really shrinks the text.
        #expect(try ZipWriter.archive(entries).count < text.count / 10)
    }

    @Test func moreThan65535EntriesUseZip64() throws {
        let entries = (0..<70_000).map {
            ZipWriter.Entry(name: "r/\($0)", bytes: [UInt8(truncatingIfNeeded: $0)], deflate: false)
        }
        let read = try Self.roundTrip(entries)
        #expect(read.count == 70_000)
        #expect(read["r/69999"] == [UInt8(truncatingIfNeeded: 69_999)])
    }

    @Test func aCentralDirectoryCutShortIsNoticed() throws {
        var bytes = try ZipWriter.archive(
            (0..<3).map { ZipWriter.Entry(name: "e\($0)", bytes: [UInt8($0)], deflate: false) }
        )
        // The third central-directory header's signature, broken: ZIPFoundation stops there.
        let central = (0..<bytes.count - 3).filter {
            bytes[$0] == 0x50 && bytes[$0 + 1] == 0x4B && bytes[$0 + 2] == 0x01 && bytes[$0 + 3] == 0x02
        }
        #expect(central.count == 3)
        bytes[central[2] + 3] = 0x09
        let path = ComicArchiveTests.temporary("cut.zip")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect {
            try ZipReader.read(path: path, what: "test", limits: Self.limits) { _ in 1 << 20 }
        } throws: { "\($0)".contains("declares 3 entries") }
    }

    @Test func badNamesAreRefused() {
        for names in [["../x"], ["/abs"], ["a", "a"], [""]] {
            #expect(throws: MediaError.self) {
                try ZipWriter.archive(names.map { ZipWriter.Entry(name: $0, bytes: [1], deflate: false) })
            }
        }
    }
}
