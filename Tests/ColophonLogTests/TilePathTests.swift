import ColophonLog
import Testing

@Suite struct TilePathTests {
    /// Tessera's layout path vectors.
    @Test func encodesLikeTessera() {
        #expect(TilePath.tile(level: 0, index: 0) == "tile/0/000")
        #expect(TilePath.tile(level: 0, index: 0, width: 255) == "tile/0/000.p/255")
        #expect(TilePath.tile(level: 1, index: 0) == "tile/1/000")
        #expect(TilePath.tile(level: 15, index: 455_667) == "tile/15/x455/667")
        #expect(TilePath.tile(level: 15, index: 123_456_789, width: 41) == "tile/15/x123/x456/789.p/41")
        #expect(TilePath.entries(index: 0) == "tile/entries/000")
        #expect(TilePath.entries(index: 0, width: 255) == "tile/entries/000.p/255")
        #expect(TilePath.entries(index: 1, width: 1) == "tile/entries/001.p/1")
        #expect(TilePath.entries(index: 123_456_789) == "tile/entries/x123/x456/789")
        #expect(TilePath.tile(level: 0, index: 1_234_067) == "tile/0/x001/x234/067")
    }

    @Test func parsesWhatItWrites() throws {
        for index: UInt64 in [0, 5, 999, 1000, 1234, 1_234_067, 123_456_789, UInt64.max / 2] {
            for width in [1, 41, 255, 256] {
                let parsed = try TilePath.parse(TilePath.tile(level: 3, index: index, width: width))
                #expect(parsed == TilePath.Parsed(level: 3, index: index, width: width))
                let entries = try TilePath.parse(TilePath.entries(index: index, width: width))
                #expect(entries == TilePath.Parsed(level: nil, index: index, width: width))
            }
        }
    }

    @Test(arguments: [
        "tile/0", "tile/0/", "tile/0/00", "tile/0/0000", "tile/0/x000/001", "tile/0/001/002", "tile/64/000",
        "tile/-1/000", "tile/00/000", "tile/0/000.p/0", "tile/0/000.p/256", "tile/0/000.p/01", "tile/0/../000",
        "/tile/0/000", "tile/0/abc", "tile/entries/x1/000", "tile/0/x999/x999/x999/x999/x999/x999/x999/999",
        "tiles/0/000", "tile/0/000.p/", "tile/0/000.q/5",
    ])
    func rejectsMalformedPaths(path: String) {
        #expect(throws: LogError.self) { try TilePath.parse(path) }
    }

    @Test func entryBundlesRoundTripAndRejectDamage() throws {
        let entries: [[UInt8]] = [[], [1], Array(repeating: 7, count: 300)]
        let bundle = try EntryBundle.encode(entries)
        #expect(try EntryBundle.decode(bundle) == entries)
        #expect(throws: LogError.self) { try EntryBundle.decode(Array(bundle.dropLast())) }
        #expect(throws: LogError.self) { try EntryBundle.decode([0]) }
        #expect(throws: LogError.self) { try EntryBundle.encode([[UInt8](repeating: 0, count: 65_536)]) }
        #expect(try EntryBundle.encode([[UInt8](repeating: 0, count: 65_535)]).count == 65_537)
    }
}
