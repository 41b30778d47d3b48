import ColophonCrypto
import ColophonRecords
import Testing

/// CBOR against RFC 8949 Appendix A, both ways, and against hostile input.
@Suite struct CBORTests {
    static func bytes(_ hex: String) -> [UInt8] {
        Hex.decode(hex) ?? []
    }

    /// Items whose encoding is the preferred one: decoded and re-encoded byte for byte.
    static let roundTrips: [(String, CBOR)] = [
        ("00", .unsigned(0)), ("01", .unsigned(1)), ("0a", .unsigned(10)), ("17", .unsigned(23)),
        ("1818", .unsigned(24)), ("1819", .unsigned(25)), ("1864", .unsigned(100)), ("1903e8", .unsigned(1000)),
        ("1a000f4240", .unsigned(1_000_000)), ("1b000000e8d4a51000", .unsigned(1_000_000_000_000)),
        ("1bffffffffffffffff", .unsigned(UInt64.max)), ("3bffffffffffffffff", .negative(UInt64.max)),
        ("20", .int(-1)), ("29", .int(-10)), ("3863", .int(-100)), ("3903e7", .int(-1000)),
        ("60", .text("")), ("6161", .text("a")), ("6449455446", .text("IETF")), ("62225c", .text("\"\\")),
        ("62c3bc", .text("\u{00FC}")), ("63e6b0b4", .text("\u{6C34}")), ("64f0908591", .text("\u{10151}")),
        ("40", .bytes([])), ("4401020304", .bytes([1, 2, 3, 4])),
        ("80", .array([])), ("83010203", .array([.unsigned(1), .unsigned(2), .unsigned(3)])),
        (
            "8301820203820405",
            .array([.unsigned(1), .array([.unsigned(2), .unsigned(3)]), .array([.unsigned(4), .unsigned(5)])])
        ),
        ("a0", .map([])), ("a201020304", .map([.init(.unsigned(1), .unsigned(2)), .init(.unsigned(3), .unsigned(4))])),
        ("a26161016162820203", .map(["a": .unsigned(1), "b": .array([.unsigned(2), .unsigned(3)])])),
        ("826161a161626163", .array([.text("a"), .map(["b": .text("c")])])),
        ("f4", .bool(false)), ("f5", .bool(true)), ("f6", .null), ("f7", .undefined), ("f0", .simple(16)),
        ("f8ff", .simple(255)), ("c11a514b67b0", .tagged(1, .unsigned(1_363_896_240))),
        ("d74401020304", .tagged(23, .bytes([1, 2, 3, 4]))), ("fb3ff199999999999a", .float(1.1)),
        ("fb7e37e43c8800759c", .float(1.0e300)),
    ]

    @Test func appendixAVectorsRoundTrip() throws {
        for (hex, item) in Self.roundTrips {
            #expect(try CBORDecoder().decode(Self.bytes(hex)) == item, "\(hex)")
            #expect(Hex.encode(item.encoded) == hex, "\(hex)")
        }
        // A map keeps the order it was written in, whatever the keys.
        let unsorted = CBOR.map(["z": .unsigned(1), "a": .unsigned(2)])
        #expect(try CBORDecoder().decode(unsorted.encoded) == unsorted)
    }

    /// Half and single precision floats decode to their values (we write 64-bit floats).
    @Test func shorterFloatsDecode() throws {
        let cases: [(String, Double)] = [
            ("f90000", 0.0), ("f93c00", 1.0), ("f93e00", 1.5), ("f97bff", 65504.0), ("fa47c35000", 100000.0),
            ("f90001", 5.960464477539063e-8), ("f90400", 0.00006103515625), ("f9c400", -4.0),
            ("fa7f7fffff", 3.4028234663852886e38), ("f97c00", .infinity), ("f9fc00", -.infinity),
        ]
        for (hex, value) in cases {
            #expect(try CBORDecoder().decode(Self.bytes(hex)) == .float(value), "\(hex)")
        }
        guard case .float(let nan) = try CBORDecoder().decode(Self.bytes("f97e00")) else {
            Issue.record("f97e00 is not a float")
            return
        }
        #expect(nan.isNaN)
    }

    @Test(arguments: [
        ("5f42010243030405ff", "indefinite-length"),  // indefinite byte string
        ("7f657374726561646d696e67ff", "indefinite-length"),
        ("9fff", "indefinite-length"),
        ("bf61610161629f0203ffff", "indefinite-length"),
        ("ff", "break outside"),
        ("1c", "reserved"),
        ("5b00000000ffffffff01", "declares"),  // a 4 GiB byte string in ten bytes
        ("9b0fffffffffffffff", "declares"),  // 2^60 array items
        ("bb7fffffffffffffff", "declares"),
        ("62c3", "declares"),  // truncated text
        ("1a0001", "ends inside"),
        ("83010203ff", "follow the item"),
        ("62c328", "UTF-8"),
        ("f818", "short form"),
        ("", "ends inside"),
    ])
    func hostileInputIsRefused(hex: String, expected: String) {
        #expect {
            try CBORDecoder().decode(Self.bytes(hex))
        } throws: { error in
            (error as? CBORError)?.reason.contains(expected) == true
        }
    }

    @Test func nestingIsBounded() {
        let deep = [UInt8](repeating: 0x81, count: 10_000) + [0x00]
        #expect { try CBORDecoder().decode(deep) } throws: { error in
            (error as? CBORError)?.reason.contains("nest deeper") == true
        }
        var limited = CBORDecoder()
        limited.maximumItems = 10
        #expect(throws: CBORError.self) { try limited.decode(CBOR.array(Array(repeating: .null, count: 20)).encoded) }
    }

    /// 8 MB of arrays and maps nested 60 deep, each declaring about as many elements as bytes
    /// remain: once, every level reserved its claim and the process ran out of memory. Now the
    /// decoder reads until the data runs out and says so.
    @Test func declaredCountsReserveNoMoreThanTheInputHolds() {
        var hostile: [UInt8] = []
        let size = 8 << 20
        for level in 0..<60 {
            let remaining = UInt32(size - level * 5 - 5)
            // An array claims an element per remaining byte, a map an entry per two.
            let isArray = level.isMultiple(of: 2)
            hostile.append(isArray ? 0x9A : 0xBA)
            hostile += withUnsafeBytes(of: (isArray ? remaining : remaining / 2).bigEndian) { Array($0) }
        }
        hostile += [UInt8](repeating: 0xF6, count: size - hostile.count)  // nulls
        #expect(hostile.count == size)
        #expect { try CBORDecoder().decode(hostile) } throws: { error in
            let reason = (error as? CBORError)?.reason ?? ""
            return reason.contains("ends inside") || reason.contains("more than")
        }
    }

    @Test func prefixesReportTheirLength() throws {
        let (item, length) = try CBORDecoder().decodePrefix(Self.bytes("83010203aabb"))
        #expect(item == .array([.unsigned(1), .unsigned(2), .unsigned(3)]))
        #expect(length == 4)
        #expect(CBOR.map(["a": .int(-7)])["a"]?.intValue == -7)
        #expect(CBOR.map([.init(.int(1), .int(-8))])[1]?.intValue == -8)
    }
}
