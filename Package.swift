// swift-tools-version: 6.1
import PackageDescription

/// Settings every Colophon module shares: Swift 6 mode and the upcoming features
/// that keep imports honest.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Colophon",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ColophonCrypto", targets: ["ColophonCrypto"]),
        .library(name: "ColophonRecords", targets: ["ColophonRecords"]),
        .library(name: "ColophonLog", targets: ["ColophonLog"]),
        .library(name: "ColophonStorage", targets: ["ColophonStorage"]),
        .library(name: "ColophonMedia", targets: ["ColophonMedia"]),
        .library(name: "ColophonWatermark", targets: ["ColophonWatermark"]),
        .library(name: "ColophonLedger", targets: ["ColophonLedger"]),
        .library(name: "ColophonPostgres", targets: ["ColophonPostgres"]),
        .library(name: "ColophonServer", targets: ["ColophonServer"]),
        .executable(name: "colophon", targets: ["colophon"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // System OpenSSL 3 (Debian libssl-dev). pkg-config "libcrypto" links libcrypto only.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // zlib (Debian zlib1g-dev, which libpng-dev brings): PNG text chunks and stealth metadata.
        .systemLibrary(name: "CZStream", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libpng and libjpeg report errors by longjmp, which Swift cannot catch: small C
        // wrappers own the setjmp and return codes and messages instead.
        // libdeflate 1.25 (MIT), its decompressor and checksums only, vendored as swift-nio and
        // swift-crypto vendor theirs: Debian ships the library but not its header, and the fast PNG
        // path inflates several times faster with it than with zlib. Sources/CLibDeflate/README.md.
        .target(
            name: "CLibDeflate",
            exclude: ["COPYING", "README.md"]
        ),
        .target(
            name: "CPNG",
            dependencies: ["CLibDeflate"],
            linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("z")]
        ),
        .target(name: "CJPEG", linkerSettings: [.linkedLibrary("jpeg")]),
        // fstat behind a C function: Swift's view of `struct stat` depends on module order.
        .target(name: "CFileInfo"),
        .target(
            name: "ColophonCrypto",
            dependencies: ["COpenSSL", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ColophonRecords",
            dependencies: ["ColophonCrypto"],
            // Schemas is a link to the repository's Schemas/predicates: the published schemas are
            // compiled in, so records are checked against exactly what others validate with.
            resources: [.embedInCode("Schemas")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ColophonLog",
            dependencies: ["ColophonRecords", "ColophonCrypto"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ColophonStorage",
            dependencies: [
                "ColophonRecords",
                "ColophonCrypto",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // The PostgreSQL store, apart from ColophonStorage so that only the server and the CLI
        // build postgres-nio and its SwiftNIO stack.
        .target(
            name: "ColophonPostgres",
            dependencies: [
                "ColophonStorage", "ColophonRecords", "ColophonCrypto",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ColophonMedia",
            dependencies: [
                "ColophonRecords", "ColophonCrypto", "CZStream", "CPNG", "CJPEG", "CFileInfo",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        // The invisible watermark: pure Swift signal processing over RGBA buffers; knows nothing
        // of records (docs/watermark.md).
        .target(
            name: "ColophonWatermark",
            dependencies: ["ColophonCrypto", "CZStream"],
            // Optimised in debug builds too: unoptimised, detection is about 20 times slower, and
            // the tests and the numpy cross-check decode hundreds of photographs.
            swiftSettings: swiftSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        .target(
            name: "ColophonLedger",
            dependencies: [
                "ColophonStorage", "ColophonLog", "ColophonMedia", "ColophonWatermark", "ColophonRecords",
                "ColophonCrypto",
            ],
            // Verifier is a link to Tools/verify_bundle.py: every evidence bundle carries the
            // independent verifier an auditor runs on it.
            resources: [.embedInCode("Verifier/verify_bundle.py")],
            swiftSettings: swiftSettings
        ),
        // The JSON documents and texts that commands print and the server answers with
        // (Schemas/cli/): one definition for both front ends.
        .target(
            name: "ColophonReports",
            dependencies: [
                "ColophonLedger", "ColophonMedia", "ColophonWatermark", "ColophonLog", "ColophonStorage",
                "ColophonRecords", "ColophonCrypto",
            ],
            swiftSettings: swiftSettings
        ),
        // The HTTP server (Hummingbird): only the CLI links it.
        .target(
            name: "ColophonServer",
            dependencies: [
                "ColophonLedger", "ColophonReports", "ColophonMedia", "ColophonWatermark", "ColophonLog",
                "ColophonStorage", "ColophonRecords", "ColophonCrypto",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            // The verification page at /: one self-contained file, served from the binary.
            resources: [.embedInCode("Web/index.html")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "colophon",
            dependencies: [
                "ColophonLedger",
                "ColophonReports",
                "ColophonServer",
                "ColophonStorage",
                "ColophonPostgres",
                "ColophonLog",
                "ColophonCrypto",
                "ColophonRecords",
                "ColophonMedia",
                "ColophonWatermark",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "colophon-bench",
            dependencies: [
                "ColophonLedger", "ColophonStorage", "ColophonCrypto", "ColophonRecords", "ColophonMedia",
                "ColophonWatermark",
            ],
            path: "Tools/bench/Sources",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "colophon-hammer",
            dependencies: ["ColophonLedger", "ColophonLog", "ColophonRecords", "ColophonCrypto", "ColophonStorage"],
            path: "Tools/hammer/Sources",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ColophonCryptoTests",
            dependencies: ["ColophonCrypto"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ColophonLogTests",
            dependencies: ["ColophonLog", "ColophonRecords", "ColophonCrypto"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ColophonStorageTests",
            dependencies: ["ColophonStorage", "ColophonPostgres", "ColophonRecords", "ColophonCrypto"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ColophonLedgerTests",
            dependencies: [
                "ColophonLedger", "ColophonStorage", "ColophonLog", "ColophonRecords", "ColophonCrypto",
                "ColophonMedia",
                "ColophonWatermark",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ColophonMediaTests",
            dependencies: ["ColophonMedia", "ColophonRecords", "ColophonCrypto"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ColophonCLITests",
            dependencies: ["colophon", "ColophonMedia", "ColophonLog", "ColophonCrypto"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ColophonWatermarkTests",
            dependencies: ["ColophonWatermark", "ColophonMedia"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ColophonRecordsTests",
            dependencies: ["ColophonRecords", "ColophonCrypto"],
            swiftSettings: swiftSettings
        ),
    ]
)
